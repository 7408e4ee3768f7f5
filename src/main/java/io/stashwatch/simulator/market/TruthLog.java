package io.stashwatch.simulator.market;

import java.util.ArrayList;
import java.util.List;

/** Ground-truth records collected while the river is generated for the first time. */
final class TruthLog {
    final List<GroundTruth.Underpriced> underpriced = new ArrayList<>();
    final List<GroundTruth.Trap> traps = new ArrayList<>();
    final List<GroundTruth.Fixer> fixers = new ArrayList<>();
}
