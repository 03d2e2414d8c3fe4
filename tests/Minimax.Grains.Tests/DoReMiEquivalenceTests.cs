using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Mixtures;
using Minimax.Testing;

namespace Minimax.Grains.Tests;

/// <summary>The ARCHITECTURE.md invariant for DoReMi's proxy: W workers give the domain weights and parameters of one.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DoReMiEquivalenceTests(ClusterFixture fixture)
{
    private const int Steps = 15;

    [Fact]
    public async Task One_and_four_proxy_workers_give_the_same_domain_weights_every_step_and_the_same_parameters()
    {
        var corpus = TestData.WriteCorpus();
        var job = MixtureSpecReader.Read(DomainCorpus.MixtureYaml(corpus, steps: Steps, workers: 2), [], corpus);
        var referenceId = $"ref-{Guid.NewGuid():N}";
        await TrainAsync(referenceId, MixtureStages.ReferenceRun(job, 1, DomainWeightsSpec.Uniform));

        // SGD: AdamW turns float summation noise in a near-zero gradient into a step of ±lr, which says
        // nothing about the invariant; the weights are compared under the spec's own optimizer below.
        var proxy = MixtureStages.ProxyRun(job, 1, referenceId);
        proxy = proxy with { Training = proxy.Training with { Optimizer = new OptimizerSpec { Kind = OptimizerKind.Sgd, Lr = 0.05, Momentum = 0.9 } } };
        var (oneProgress, oneParameters) = await TrainAsync($"proxy1-{Guid.NewGuid():N}", proxy with { Training = proxy.Training with { Workers = 1 } });
        var (fourProgress, fourParameters) = await TrainAsync($"proxy4-{Guid.NewGuid():N}", proxy with { Training = proxy.Training with { Workers = 4 } });

        Assert.Equal(Steps, oneProgress.Count);
        Assert.Equal(Steps, fourProgress.Count);
        for (var step = 0; step < Steps; step++)
        {
            var one = oneProgress[step].GroupWeights;
            var four = fourProgress[step].GroupWeights;
            for (var d = 0; d < one.Count; d++)
            {
                Assert.True(Math.Abs(one[d] - four[d]) <= 1e-5, $"step {step + 1} domain {d}: {one[d]} vs {four[d]}");
            }
        }
        var largest = oneParameters.Zip(fourParameters, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(largest <= 1e-5, $"largest parameter difference {largest}");
        // The rule acted: the weights left uniform, and every step kept them on the simplex above c/k.
        Assert.True(oneProgress[^1].GroupWeights.Max(w => Math.Abs(w - 1.0 / 3)) > 1e-3);
        Assert.All(oneProgress, p => Assert.Equal(1.0, p.GroupWeights.Sum(), 12));
        Assert.All(oneProgress.SelectMany(p => p.GroupWeights), w => Assert.True(w >= 1e-3 / 3));
    }

    private async Task<(List<ProgressRecord> Progress, float[] Parameters)> TrainAsync(string runId, RunSpec spec)
    {
        var run = fixture.Grains.GetGrain<IRunGrain>(runId);
        await run.SubmitAsync(spec, "local");
        var (snapshot, progress) = await RunWatcher.UntilTerminalAsync(run, TimeSpan.FromSeconds(120));
        Assert.True(snapshot.Status == JobStatus.Completed, snapshot.Reason);
        var parameters = await fixture.Grains.GetGrain<ICoordinatorGrain>(runId).GetParametersAsync();
        return (progress, parameters!.Span.ToArray());
    }
}
