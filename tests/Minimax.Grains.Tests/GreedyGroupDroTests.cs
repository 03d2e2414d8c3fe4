using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Objectives;

namespace Minimax.Grains.Tests;

/// <summary>A run spec's objective.btl, alpha and gamma reach the coordinator's rule and change training.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GreedyGroupDroTests(ClusterFixture fixture)
{
    private const int Steps = 30;
    private const double Alpha = 0.3;
    private const double Gamma = 0.2;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_btl_spec_weighs_each_step_greedily_by_the_gamma_average_of_the_losses()
    {
        // 6 full batches an epoch, so no short last batch leaves a group out.
        var data = TestData.WriteSpurious(trainRows: 384);
        var plain = TestData.Spec(data, ObjectiveKind.GroupDro, workers: 2, steps: Steps, evalEvery: 10);
        plain = plain with { Objective = plain.Objective with { BalancedSampling = true } };
        var greedy = plain with { Objective = plain.Objective with { Btl = true, Alpha = Alpha, Gamma = Gamma } };

        var (greedyResult, greedyProgress, greedyParameters) = await CompletedRun.TrainAsync(fixture.Grains, $"btl-{Guid.NewGuid():N}", greedy, Timeout);
        var (_, plainProgress, plainParameters) = await CompletedRun.TrainAsync(fixture.Grains, $"btl-{Guid.NewGuid():N}", plain, Timeout);

        // Replay the reference loss.py from the recorded per-step group losses: the EMA with the spec's gamma
        // (every group is in every balanced batch of 64, but for a chance of 4·0.75^64), then the greedy
        // weights over it with the spec's alpha.
        var total = (double)greedyResult.TrainGroupCounts.Sum();
        var fractions = greedyResult.TrainGroupCounts.Select(n => n / total).ToArray();
        var withGamma = ExpectedWeights(greedyProgress, fractions, Gamma);
        var withLastBatch = ExpectedWeights(greedyProgress, fractions, gamma: 1.0);
        for (var step = 0; step < Steps; step++)
        {
            var actual = greedyProgress[step].GroupWeights;
            for (var g = 0; g < actual.Count; g++)
            {
                Assert.True(Math.Abs(withGamma[step][g] - actual[g]) <= 1e-12, $"step {step + 1} group {g}: expected {withGamma[step][g]}, got {actual[g]}");
            }
        }

        // The average is not the last batch: with gamma 1 the greedy weights would differ at some step.
        Assert.Contains(Enumerable.Range(0, Steps), step => withGamma[step].Zip(withLastBatch[step], (a, b) => Math.Abs(a - b)).Max() > 1e-3);
        // Greedy weights are not the q update's, and training takes another path.
        Assert.Contains(Enumerable.Range(0, Steps), step => greedyProgress[step].GroupWeights.Zip(plainProgress[step].GroupWeights, (a, b) => Math.Abs(a - b)).Max() > 0.1);
        Assert.NotEqual(plainParameters, greedyParameters);
        Assert.Equal(greedyProgress[^1].GroupWeights, greedyResult.GroupWeights);
    }

    private static List<double[]> ExpectedWeights(List<ProgressRecord> progress, double[] fractions, double gamma)
    {
        var average = new double[fractions.Length];
        var weights = new List<double[]>();
        foreach (var record in progress)
        {
            Assert.All(record.GroupTrainLoss, loss => Assert.True(loss > 0, "every group is in every batch"));
            for (var g = 0; g < average.Length; g++)
            {
                average[g] = record.Step == 1 ? record.GroupTrainLoss[g] : (1 - gamma) * average[g] + gamma * record.GroupTrainLoss[g];
            }

            weights.Add(GreedyBtl.Weights(average, fractions, Alpha));
        }

        return weights;
    }
}
