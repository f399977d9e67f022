package io.integrationmonitor.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * One family's blocks in the global order of their rows. Blocks of different owners usually cover disjoint
 * ranges and are written one after the other, ordered by first row; where blocks overlap (say, inbound
 * integrations whose ARNs belong to other accounts), that run is merged row by row and its gzip member cached
 * by the versions of its blocks.
 */
final class BlockRuns {
    private final RenderedFamily family;
    private final List<List<RenderedBlock>> runs;

    private BlockRuns(RenderedFamily family, List<List<RenderedBlock>> runs) {
        this.family = family;
        this.runs = runs;
    }

    static BlockRuns of(RenderedFamily family) {
        List<RenderedBlock> blocks = new ArrayList<>(family.blocks());
        blocks.removeIf(b -> b.rows() == 0);
        blocks.sort((a, b) -> a.compare(0, b, 0));
        List<List<RenderedBlock>> runs = new ArrayList<>();
        List<RenderedBlock> run = null;
        RenderedBlock last = null; // the block whose last row is the run's greatest
        for (RenderedBlock block : blocks) {
            if (run != null && block.compare(0, last, last.rows() - 1) <= 0) {
                run.add(block);
            } else {
                run = new ArrayList<>();
                runs.add(run);
                run.add(block);
                last = block;
                continue;
            }
            if (block.compare(block.rows() - 1, last, last.rows() - 1) > 0) {
                last = block;
            }
        }
        return new BlockRuns(family, runs);
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    void writePlain(OutputStream out) throws IOException {
        for (List<RenderedBlock> run : runs) {
            if (run.size() == 1) {
                run.get(0).writeRows(out);
            } else {
                merge(run, out);
            }
        }
    }

    /** Writes kept pieces only; a merged run not kept by the previous scrape is deflated once now. */
    void writeGzip(GzipStream out) throws IOException {
        Map<List<Long>, Deflated> cached = family.mergedMembers();
        Map<List<Long>, Deflated> used = new HashMap<>();
        for (List<RenderedBlock> run : runs) {
            if (run.size() == 1) {
                out.write(run.get(0).deflated());
                continue;
            }
            List<Long> versions = run.stream().map(RenderedBlock::version).sorted().toList();
            Deflated piece = cached.get(versions);
            if (piece == null) {
                piece = Deflated.of(o -> merge(run, o));
            }
            used.put(versions, piece);
            out.write(piece);
        }
        if (!used.equals(cached)) {
            family.mergedMembers(used);
        }
    }

    /** k-way merge of sorted blocks. */
    private static void merge(List<RenderedBlock> run, OutputStream out) throws IOException {
        record Cursor(RenderedBlock block, int row) {
        }
        PriorityQueue<Cursor> next = new PriorityQueue<>(run.size(),
                (Comparator<Cursor>) (a, b) -> a.block().compare(a.row(), b.block(), b.row()));
        for (RenderedBlock block : run) {
            next.add(new Cursor(block, 0));
        }
        while (!next.isEmpty()) {
            Cursor c = next.poll();
            c.block().writeRow(c.row(), out);
            if (c.row() + 1 < c.block().rows()) {
                next.add(new Cursor(c.block(), c.row() + 1));
            }
        }
    }
}
