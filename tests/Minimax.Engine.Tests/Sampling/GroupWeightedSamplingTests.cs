using Minimax.Engine.Sampling;

namespace Minimax.Engine.Tests.Sampling;

public sealed class GroupWeightedSamplingTests
{
    // Groups of 80, 15, 5 and 3 rows.
    private static readonly int[] Groups = Enumerable.Range(0, 103).Select(i => i < 80 ? 0 : i < 95 ? 1 : i < 100 ? 2 : 3).ToArray();

    [Fact]
    public void Group_frequencies_follow_the_weights_and_batches_are_full()
    {
        double[] weights = [1, 2, 3, 4]; // normalised to 0.1, 0.2, 0.3, 0.4
        var sampler = new BatchSampler(Groups, 16, weights, 3);
        var counts = new int[4];
        for (var i = 0; i < 2000; i++)
        {
            var batch = sampler.NextBatch();
            Assert.Equal(16, batch.Length);
            foreach (var row in batch)
            {
                counts[Groups[row]]++;
            }
        }

        var total = (double)counts.Sum();
        for (var g = 0; g < 4; g++)
        {
            Assert.InRange(counts[g] / total, (g + 1) / 10.0 - 0.005, (g + 1) / 10.0 + 0.005);
        }
    }

    [Fact]
    public void Rows_within_a_group_are_drawn_uniformly()
    {
        var sampler = new BatchSampler(Groups, 20, [0, 1, 0, 0], 9);
        var hits = new int[Groups.Length];
        for (var i = 0; i < 1500; i++)
        {
            foreach (var row in sampler.NextBatch())
            {
                hits[row]++;
            }
        }

        // 30,000 draws over group 1's 15 rows: 2,000 each, s.d. about 43.
        Assert.All(Enumerable.Range(80, 15), r => Assert.InRange(hits[r], 1800, 2200));
        Assert.Equal(30000, hits[80..95].Sum());
    }

    [Fact]
    public void Zero_weight_groups_are_never_drawn_and_weighty_groups_are_in_every_batch()
    {
        // w·B = 4.5, 0, 0.5 and 5 for B = 10: groups 0 and 3 are guaranteed, group 1 never appears.
        var sampler = new BatchSampler(Groups, 10, [0.45, 0, 0.05, 0.5], 21);
        var sawGroup2 = false;
        for (var i = 0; i < 500; i++)
        {
            var groups = sampler.NextBatch().Select(r => Groups[r]).ToArray();
            Assert.DoesNotContain(1, groups);
            Assert.InRange(groups.Count(g => g == 0), 4, 5);
            Assert.InRange(groups.Count(g => g == 3), 5, 6);
            sawGroup2 |= groups.Contains(2);
        }

        Assert.True(sawGroup2);
    }

    [Fact]
    public void Same_seed_gives_the_same_batches_in_shuffled_order()
    {
        double[] weights = [0.25, 0.25, 0.25, 0.25];
        var a = new BatchSampler(Groups, 12, weights, 7);
        var b = new BatchSampler(Groups, 12, weights, 7);
        var c = new BatchSampler(Groups, 12, weights, 8);
        var differs = false;
        var unsorted = false;
        for (var i = 0; i < 30; i++)
        {
            var batch = a.NextBatch();
            Assert.Equal(batch, b.NextBatch());
            differs |= !batch.SequenceEqual(c.NextBatch());
            var groups = batch.Select(r => Groups[r]).ToArray();
            unsorted |= !groups.SequenceEqual(groups.Order());
        }

        Assert.True(differs);
        Assert.True(unsorted);
    }

    [Fact]
    public void Epoch_counts_rows_consumed()
    {
        var sampler = new BatchSampler(Groups, 10, [1, 1, 1, 1], 1);
        Assert.Equal(11, sampler.StepsPerEpoch);
        for (var i = 0; i < 21; i++)
        {
            sampler.NextBatch();
        }

        Assert.Equal(210.0 / 103, sampler.Epoch, 1e-12);
    }

    [Fact]
    public void Restored_state_continues_identically()
    {
        double[] weights = [0.1, 0.2, 0.3, 0.4];
        var sampler = new BatchSampler(Groups, 16, weights, 11);
        for (var i = 0; i < 9; i++)
        {
            sampler.NextBatch();
        }

        var state = sampler.GetState();
        var restored = new BatchSampler(Groups, 16, weights, 0);
        restored.Restore(state);
        Assert.Equal(sampler.Epoch, restored.Epoch);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(sampler.NextBatch(), restored.NextBatch());
        }

        Assert.Equal(sampler.Epoch, restored.Epoch);
    }

    [Fact]
    public void Invalid_weights_are_rejected()
    {
        int[] withEmptyGroup = [0, 0, 2, 2];
        Assert.Throws<ArgumentException>(() => new BatchSampler(withEmptyGroup, 4, [0.5, 0.1, 0.4], 1));
        _ = new BatchSampler(withEmptyGroup, 4, [0.5, 0, 0.5], 1);
        Assert.Throws<ArgumentException>(() => new BatchSampler(Groups, 4, [1, -1, 1, 1], 1));
        Assert.Throws<ArgumentException>(() => new BatchSampler(Groups, 4, [0, 0, 0, 0], 1));
        Assert.Throws<ArgumentException>(() => new BatchSampler(Groups, 4, [1, 1, 1], 1));
        Assert.Throws<ArgumentException>(() => new BatchSampler(Groups, 4, SamplingMode.GroupWeights, 1));
    }
}
