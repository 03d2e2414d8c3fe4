using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Evaluations;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;
using Minimax.Testing;

namespace Minimax.Grains.Tests;

/// <summary>Cancelling an evaluation while it scores ends it as cancelled before it scores every model.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EvaluationCancelTests(ClusterFixture fixture)
{
    private const int Models = 32;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Cancel_while_scoring_ends_the_evaluation_cancelled_with_models_left()
    {
        var data = TestData.WriteSpurious();
        SpuriousCsv.Write(Path.Combine(data, "large-test.csv"), 40_000, 0.5, new Random(3));
        var runId = $"scored-{Guid.NewGuid():N}";
        await CompletedRun.TrainAsync(fixture.Grains, runId, TestData.Spec(data, ObjectiveKind.Erm, workers: 1, steps: 5), Timeout);
        var job = fixture.Grains.GetGrain<IEvaluationGrain>($"eval-{Guid.NewGuid():N}");
        await job.SubmitAsync(EvaluationSpecReader.Read(EvaluationYaml.OfRun(runId, "large-test.csv", Models), [], data), "local");

        using var deadline = new CancellationTokenSource(Timeout);
        JobView? final = null;
        var cancelled = false;
        await foreach (var update in job.WatchJobAsync(0, deadline.Token))
        {
            if (!cancelled && update.Progress is EvaluationSnapshot { ModelsDone: >= 1 })
            {
                cancelled = true;
                await job.CancelJobAsync();
            }
            final = update.Final ?? final;
        }

        Assert.True(cancelled, "no progress before the end");
        Assert.Equal(JobStatus.Cancelled, final!.Info.Status);
        Assert.Equal("cancelled by request", final.Info.Reason);
        var snapshot = Assert.IsType<EvaluationSnapshot>(final.Detail);
        Assert.InRange(snapshot.ModelsDone, 1, Models - 1);
        Assert.Null(snapshot.Result);
    }
}
