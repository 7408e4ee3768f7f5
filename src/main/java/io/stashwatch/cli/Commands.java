package io.stashwatch.cli;

import java.util.ArrayList;
import java.util.List;

/** The subcommands of stashwatch. */
final class Commands {
    private Commands() {
    }

    static List<Command> all(boolean onCluster) {
        List<Command> list = new ArrayList<>();
        list.add(new RunCommand(false, onCluster));
        list.add(new RunCommand(true, onCluster));
        list.add(new SimulateCommand());
        list.add(new DbCommand());
        list.add(new BenchCommand());
        return list;
    }
}
