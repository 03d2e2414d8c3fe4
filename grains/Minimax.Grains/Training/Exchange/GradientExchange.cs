using Minimax.Contracts.Grains;

namespace Minimax.Grains.Training.Exchange;

/// <summary>
/// One worker's side of the gradient all-reduce among a run's workers, as DDP does it but over grain calls:
/// the flat gradient of P floats is cut into W contiguous chunks, chunk c summed by shard c.
/// <list type="number">
/// <item>Reduce-scatter: every worker sends its values of chunk c to shard c, in slices of at most
/// <see cref="SliceFloats"/> floats (by default) (well below Orleans' 100 MB message limit, and pipelined).</item>
/// <item>Shard c sums its chunk in shard order (v_0 + v_1 + ... + v_{W-1}, as one process would add the
/// workers' gradients), then sends the sums to every other worker (all-gather).</item>
/// </list>
/// Each worker sends 2·(W−1)/W·P floats per step; the coordinator carries none of them. Every worker ends
/// with the same bytes, so the replicas stay bit-identical. All members run on the worker grain's scheduler
/// (the slice calls interleave with the step's turn), so no locks are needed.
/// </summary>
public sealed class GradientExchange(int shard, int shardCount, int parameterCount, IGradientPeers peers, TimeSpan peerTimeout, int sliceFloats = GradientExchange.SliceFloats)
{
    /// <summary>4 MiB of floats per message.</summary>
    public const int SliceFloats = 1 << 20;

    // Slices may arrive before this worker starts the step (a faster peer); at most the current step and the next.
    private readonly Dictionary<int, StepSlices> _steps = [];

    /// <summary>Replaces <paramref name="gradient"/> (this worker's, P floats) with the sum over all workers; returns the bytes sent.</summary>
    public async Task<long> AllReduceAsync(int step, float[] gradient)
    {
        if (gradient.Length != parameterCount)
        {
            throw new ArgumentException($"The gradient has {gradient.Length} values, the model {parameterCount}.", nameof(gradient));
        }
        var slices = For(step);
        long sent = 0;
        try
        {
            var scatter = new List<Task>();
            for (var owner = 0; owner < shardCount; owner++)
            {
                if (owner != shard)
                {
                    foreach (var (offset, length) in Slices(owner))
                    {
                        scatter.Add(peers.ContributeAsync(owner, new GradientSlice(step, shard, offset, FlatTensor.From(gradient.AsSpan(offset, length)))));
                        sent += length;
                    }
                }
            }
            await Task.WhenAll(scatter);
            await slices.Reduced.Task.WaitAsync(peerTimeout);

            var gather = new List<Task>();
            foreach (var (offset, length) in Slices(shard))
            {
                var summed = FlatTensor.Create(length, total => SumInShardOrder(slices, gradient, offset, total));
                summed.Span.CopyTo(gradient.AsSpan(offset, length));
                for (var other = 0; other < shardCount; other++)
                {
                    if (other != shard)
                    {
                        gather.Add(peers.ShareSumAsync(other, new GradientSlice(step, shard, offset, summed)));
                        sent += length;
                    }
                }
            }
            await Task.WhenAll(gather);
            await slices.Gathered.Task.WaitAsync(peerTimeout);
            foreach (var (offset, values) in slices.Sums)
            {
                values.Span.CopyTo(gradient.AsSpan(offset, values.Length));
            }
            return sent * sizeof(float);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"step {step}: worker {shard} of {shardCount} waited {peerTimeout.TotalSeconds:0} s for its peers' gradients");
        }
        finally
        {
            _steps.Remove(step);
        }
    }

    /// <summary>A peer's values of a slice of this worker's chunk.</summary>
    public void AcceptContribution(GradientSlice slice)
    {
        Check(slice, expectedOwner: shard);
        var slices = For(slice.Step);
        if (!slices.Contributions.TryAdd((slice.From, slice.Offset), slice.Values))
        {
            throw new ArgumentException($"step {slice.Step}: worker {slice.From} sent the slice at {slice.Offset} twice");
        }
        slices.ContributedFloats += slice.Values.Length;
        if (slices.ContributedFloats == (long)(shardCount - 1) * Chunk(shard).Count)
        {
            slices.Reduced.TrySetResult();
        }
    }

    /// <summary>The summed values of a slice of another worker's chunk.</summary>
    public void AcceptSum(GradientSlice slice)
    {
        Check(slice, expectedOwner: slice.From);
        var slices = For(slice.Step);
        if (!slices.Sums.TryAdd(slice.Offset, slice.Values))
        {
            throw new ArgumentException($"step {slice.Step}: worker {slice.From} sent the sum at {slice.Offset} twice");
        }
        slices.SummedFloats += slice.Values.Length;
        if (slices.SummedFloats == parameterCount - Chunk(shard).Count)
        {
            slices.Gathered.TrySetResult();
        }
    }

    /// <summary>Chunk <paramref name="owner"/> of the flat gradient: the floats that shard sums.</summary>
    public (int Start, int Count) Chunk(int owner) => EngineOptions.ShardRange(parameterCount, owner, shardCount);

    private IEnumerable<(int Offset, int Length)> Slices(int owner)
    {
        var (start, count) = Chunk(owner);
        for (var offset = start; offset < start + count; offset += sliceFloats)
        {
            yield return (offset, Math.Min(sliceFloats, start + count - offset));
        }
    }

    private void SumInShardOrder(StepSlices slices, float[] own, int offset, Span<float> total)
    {
        for (var from = 0; from < shardCount; from++)
        {
            var values = from == shard ? own.AsSpan(offset, total.Length) : slices.Contributions[(from, offset)].Span;
            if (from == 0)
            {
                values.CopyTo(total);
            }
            else
            {
                FlatTensor.AddInto(total, values);
            }
        }
    }

    private void Check(GradientSlice slice, int expectedOwner)
    {
        if (slice.From < 0 || slice.From >= shardCount || slice.From == shard)
        {
            throw new ArgumentException($"step {slice.Step}: a gradient slice from shard {slice.From}, not a peer of worker {shard} of {shardCount}");
        }
        var (start, count) = Chunk(expectedOwner);
        if (slice.Offset < start || slice.Values.Length == 0 || slice.Offset + (long)slice.Values.Length > start + count
            || (slice.Offset - start) % sliceFloats != 0)
        {
            throw new ArgumentException($"step {slice.Step}: a gradient slice at {slice.Offset} of {slice.Values.Length} floats is not a slice of chunk {expectedOwner}");
        }
    }

    private StepSlices For(int step)
    {
        if (!_steps.TryGetValue(step, out var slices))
        {
            if (_steps.Count >= 2)
            {
                throw new InvalidOperationException($"worker {shard}: gradient slices for step {step} while steps {string.Join(", ", _steps.Keys)} are unfinished");
            }
            slices = new StepSlices();
            // A chunk with nothing to receive (fewer parameters than workers) is complete at once.
            if ((long)(shardCount - 1) * Chunk(shard).Count == 0)
            {
                slices.Reduced.TrySetResult();
            }
            if (parameterCount - Chunk(shard).Count == 0)
            {
                slices.Gathered.TrySetResult();
            }
            _steps[step] = slices;
        }
        return slices;
    }

    private sealed class StepSlices
    {
        public Dictionary<(int From, int Offset), FlatTensor> Contributions { get; } = [];

        public Dictionary<int, FlatTensor> Sums { get; } = [];

        public long ContributedFloats { get; set; }

        public long SummedFloats { get; set; }

        // Completed on the grain's scheduler; the step's turn resumes there too.
        public TaskCompletionSource Reduced { get; } = new();

        public TaskCompletionSource Gathered { get; } = new();
    }
}

/// <summary>How an exchange reaches the other shards: the worker grains of the same run and generation.</summary>
public interface IGradientPeers
{
    /// <summary>Delivers this worker's values of a slice of <paramref name="owner"/>'s chunk (reduce-scatter).</summary>
    Task ContributeAsync(int owner, GradientSlice slice);

    /// <summary>Delivers the sum of a slice of this worker's chunk to <paramref name="shard"/> (all-gather).</summary>
    Task ShareSumAsync(int shard, GradientSlice slice);
}
