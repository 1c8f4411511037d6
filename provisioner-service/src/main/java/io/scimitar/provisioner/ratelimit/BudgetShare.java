package io.scimitar.provisioner.ratelimit;

import java.util.Collection;
import java.util.List;

/**
 * The part of a job's budgets this instance may spend: while it consumes the job, the budget units of the partitions
 * of the job's topic it owns; while it does not (before it joins the job's consumer group, after it left), the whole.
 * Each budget is cut into per-partition units once, the same way on every instance: partition {@code p} of {@code n}
 * carries {@code floor(B(p+1)/n) - floor(Bp/n)} of a budget {@code B}, so the units of all partitions add up to
 * exactly {@code B}, and instances owning disjoint partitions never hold more than {@code B} between them.
 *
 * @param consuming      whether the instance is in the job's consumer group (otherwise it has the whole budget)
 * @param partitions     the partitions it owns, in order; empty when not consuming
 * @param partitionCount the partitions of the topic; 0 when not consuming
 */
public record BudgetShare(boolean consuming, List<Integer> partitions, int partitionCount) {

    /** Not in the job's consumer group: the whole budget, as a single instance has. */
    public static final BudgetShare WHOLE = new BudgetShare(false, List.of(), 0);

    public BudgetShare {
        partitions = partitions.stream().sorted().distinct().toList();
    }

    /** In the job's consumer group, owning {@code owned} of the topic's {@code partitionCount} partitions. */
    public static BudgetShare owning(Collection<Integer> owned, int partitionCount) {
        return new BudgetShare(true, List.copyOf(owned), partitionCount);
    }

    /** The requests per window of {@code budget} this share allows: the units of the partitions owned. */
    public int of(int budget) {
        if (!consuming) {
            return budget;
        }
        long units = 0;
        for (int partition : partitions) {
            if (partition >= 0 && partition < partitionCount) {
                units += unitsOf(budget, partition, partitionCount);
            }
        }
        return (int) units;
    }

    /** The units of {@code budget} partition {@code partition} of {@code count} carries. */
    static long unitsOf(int budget, int partition, int count) {
        return Math.floorDiv((long) budget * (partition + 1), count) - Math.floorDiv((long) budget * partition, count);
    }
}
