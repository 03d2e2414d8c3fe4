using Minimax.Contracts.Grains;
using Minimax.Grains.Training.Exchange;

namespace Minimax.Grains.Tests;

/// <summary>
/// The all-reduce protocol among workers, with real exchanges wired to each other in this process and every
/// call run one at a time (as on a grain's scheduler): sums, their order, bytes, and what goes wrong.
/// </summary>
public sealed class GradientExchangeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(2, 10, 4)]
    [InlineData(3, 11, 2)]
    [InlineData(4, 3, 1)]
    public async Task Every_worker_ends_with_the_sum_in_shard_order_and_sends_the_ring_bound(int workers, int parameters, int sliceFloats)
    {
        var random = new Random(workers * 100 + parameters);
        var gradients = Enumerable.Range(0, workers)
            .Select(_ => Enumerable.Range(0, parameters).Select(_ => (float)(random.NextDouble() * 2e6 - 1e6) / (random.Next(1, 1000))).ToArray())
            .ToArray();
        var expected = new float[parameters];
        for (var i = 0; i < parameters; i++)
        {
            var total = gradients[0][i];
            for (var w = 1; w < workers; w++)
            {
                total += gradients[w][i];
            }
            expected[i] = total;
        }

        var cluster = new LocalCluster(workers, parameters, sliceFloats, Timeout);
        var sent = await cluster.AllReduceAsync(step: 1, gradients);

        foreach (var gradient in gradients)
        {
            Assert.Equal(expected, gradient);
        }
        for (var w = 0; w < workers; w++)
        {
            var chunk = cluster.Exchanges[w].Chunk(w).Count;
            // Everything but its own chunk out (reduce-scatter), its chunk's sums to every other worker (all-gather).
            Assert.Equal(((parameters - chunk) + (long)(workers - 1) * chunk) * sizeof(float), sent[w]);
        }
    }

    [Fact]
    public async Task The_sum_keeps_the_order_of_a_single_process_where_float_addition_is_not_associative()
    {
        // In float, (1e8 + -1e8) + 1 is 1, but (-1e8 + 1) + 1e8 and (1 + -1e8) + 1e8 are 0.
        float[][] gradients = [[1e8f, 1e8f], [-1e8f, -1e8f], [1f, 1f]];
        var cluster = new LocalCluster(3, 2, 1, Timeout);

        await cluster.AllReduceAsync(step: 1, gradients);

        Assert.All(gradients, gradient => Assert.Equal([1f, 1f], gradient));
    }

    [Fact]
    public async Task Steps_follow_one_another_and_slices_of_a_peer_ahead_wait_for_their_step()
    {
        var cluster = new LocalCluster(2, 6, 2, Timeout);
        float[][] first = [[1, 2, 3, 4, 5, 6], [10, 20, 30, 40, 50, 60]];
        float[][] second = [[1, 1, 1, 1, 1, 1], [2, 2, 2, 2, 2, 2]];

        await cluster.AllReduceAsync(step: 1, first);
        // Worker 1 starts step 2 alone: its slices reach worker 0 before worker 0 has begun the step.
        var ahead = cluster.StartAsync(1, step: 2, second[1]);
        await cluster.UntilDeliveredAsync();
        Assert.False(ahead.IsCompleted);
        await cluster.StartAsync(0, step: 2, second[0]);
        await ahead;

        Assert.All(first, gradient => Assert.Equal([11, 22, 33, 44, 55, 66], gradient));
        Assert.All(second, gradient => Assert.Equal([3, 3, 3, 3, 3, 3], gradient));
    }

    [Fact]
    public async Task A_silent_peer_fails_the_step_with_a_timeout_naming_the_step_and_the_worker()
    {
        var cluster = new LocalCluster(2, 4, 4, TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => cluster.StartAsync(0, step: 7, [1, 2, 3, 4]));

        Assert.Contains("step 7", error.Message);
        Assert.Contains("worker 0 of 2", error.Message);
    }

    [Theory]
    [InlineData(0, 0, 2)]   // from itself
    [InlineData(1, 1, 1)]   // inside worker 0's chunk, but not at a slice start
    [InlineData(1, 2, 2)]   // worker 1's chunk, not worker 0's
    [InlineData(1, 0, 3)]   // runs past the chunk
    [InlineData(2, 0, 2)]   // no such shard
    public void A_slice_that_does_not_fit_the_chunk_is_refused(int from, int offset, int length)
    {
        var exchange = new GradientExchange(0, 2, 4, new LocalCluster(2, 4, 2, Timeout), Timeout, sliceFloats: 2);

        var error = Assert.Throws<ArgumentException>(() => exchange.AcceptContribution(new GradientSlice(1, from, offset, FlatTensor.From(new float[length]))));

        Assert.Contains("step 1", error.Message);
    }

    [Fact]
    public void A_slice_sent_twice_is_refused()
    {
        var exchange = new GradientExchange(0, 2, 8, new LocalCluster(2, 8, 2, Timeout), Timeout, sliceFloats: 2);
        var slice = new GradientSlice(1, 1, 0, FlatTensor.From(new float[2]));
        exchange.AcceptContribution(slice);

        var error = Assert.Throws<ArgumentException>(() => exchange.AcceptContribution(slice));

        Assert.Contains("twice", error.Message);
    }

    /// <summary>Exchanges of W workers delivering to each other; all their work runs one piece at a time, as on a grain's scheduler.</summary>
    private sealed class LocalCluster : IGradientPeers
    {
        private readonly TaskScheduler _scheduler = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        private readonly List<Task> _deliveries = [];

        public LocalCluster(int workers, int parameters, int sliceFloats, TimeSpan timeout) =>
            Exchanges = Enumerable.Range(0, workers)
                .Select(shard => new GradientExchange(shard, workers, parameters, this, timeout, sliceFloats))
                .ToArray();

        public GradientExchange[] Exchanges { get; }

        public async Task<long[]> AllReduceAsync(int step, float[][] gradients) =>
            await Task.WhenAll(gradients.Select((gradient, shard) => StartAsync(shard, step, gradient)));

        public Task<long> StartAsync(int shard, int step, float[] gradient) =>
            Task.Factory.StartNew(() => Exchanges[shard].AllReduceAsync(step, gradient), CancellationToken.None, TaskCreationOptions.None, _scheduler).Unwrap();

        public Task UntilDeliveredAsync() => Task.WhenAll(_deliveries.ToArray()).WaitAsync(Timeout);

        public Task ContributeAsync(int owner, GradientSlice slice) => Deliver(() => Exchanges[owner].AcceptContribution(slice));

        public Task ShareSumAsync(int shard, GradientSlice slice) => Deliver(() => Exchanges[shard].AcceptSum(slice));

        private Task Deliver(Action accept)
        {
            var delivery = Task.Factory.StartNew(accept, CancellationToken.None, TaskCreationOptions.None, _scheduler);
            _deliveries.Add(delivery);
            return delivery;
        }
    }
}
