package io.stashwatch.market;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The binary form of a {@link StashState}, used by the keyed-state serializer (so it lands in
 * checkpoints and RocksDB). Version 1:
 *
 * <pre>
 *   header     byte   bit 0: league follows, bit 1: account follows
 *   league     UTF    (if present)
 *   account    UTF    (if present)
 *   listings   varint
 *   per listing, in item id order:
 *     flags      byte   {@link StashState} flags; bit 7: the amount is a varint
 *     currency   byte   {@link Currencies} byte id
 *     frameType  byte
 *     id         32 bytes
 *     textId     UTF    (only with {@link StashState#FLAG_TEXT_ID})
 *     amount     varint (whole amounts below 2^31) or double
 *     itemKey    UTF
 * </pre>
 */
public final class StashStateCodec {

    /** Version of the format written by {@link #write}. */
    public static final int VERSION = 1;

    private static final int INT_AMOUNT = 0x80;

    private StashStateCodec() {
    }

    public static void write(StashState s, DataOutput out) throws IOException {
        int header = (s.league != null ? 1 : 0) | (s.accountName != null ? 2 : 0);
        out.writeByte(header);
        if (s.league != null) {
            out.writeUTF(s.league);
        }
        if (s.accountName != null) {
            out.writeUTF(s.accountName);
        }
        writeVarInt(out, s.size);
        for (int i = 0; i < s.size; i++) {
            double amount = s.amounts[i];
            boolean whole = amount == Math.rint(amount) && amount > 0 && amount < Integer.MAX_VALUE;
            int flags = s.flags[i] & 0x7f;
            out.writeByte(whole ? flags | INT_AMOUNT : flags);
            out.writeByte(s.currencies[i]);
            out.writeByte(s.frameTypes[i]);
            out.write(s.ids, i * StashState.ID_BYTES, StashState.ID_BYTES);
            if ((flags & StashState.FLAG_TEXT_ID) != 0) {
                out.writeUTF(s.textIds[i]);
            }
            if (whole) {
                writeVarInt(out, (int) amount);
            } else {
                out.writeDouble(amount);
            }
            out.writeUTF(s.keys[i]);
        }
    }

    public static StashState read(DataInput in) throws IOException {
        int header = in.readUnsignedByte();
        String league = (header & 1) != 0 ? in.readUTF() : null;
        String account = (header & 2) != 0 ? in.readUTF() : null;
        int n = readVarInt(in);
        if (n < 0 || n > 1 << 20) {
            throw new IOException("corrupt stash state: " + n + " listings");
        }
        byte[] ids = new byte[n * StashState.ID_BYTES];
        String[] textIds = null;
        double[] amounts = new double[n];
        byte[] currencies = new byte[n];
        byte[] flags = new byte[n];
        byte[] frames = new byte[n];
        String[] keys = new String[n];
        for (int i = 0; i < n; i++) {
            int f = in.readUnsignedByte();
            flags[i] = (byte) (f & 0x7f);
            currencies[i] = in.readByte();
            frames[i] = in.readByte();
            in.readFully(ids, i * StashState.ID_BYTES, StashState.ID_BYTES);
            if ((f & StashState.FLAG_TEXT_ID) != 0) {
                if (textIds == null) {
                    textIds = new String[n];
                }
                textIds[i] = in.readUTF();
            }
            amounts[i] = (f & INT_AMOUNT) != 0 ? readVarInt(in) : in.readDouble();
            keys[i] = in.readUTF();
        }
        return new StashState(league, account, n, ids, textIds, amounts, currencies, flags, frames, keys);
    }

    static void writeVarInt(DataOutput out, int v) throws IOException {
        while ((v & ~0x7f) != 0) {
            out.writeByte((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    static int readVarInt(DataInput in) throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("corrupt stash state: varint too long");
    }
}
