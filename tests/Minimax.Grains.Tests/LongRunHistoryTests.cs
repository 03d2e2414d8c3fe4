using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Jobs;
using Minimax.Grains.Runs;

namespace Minimax.Grains.Tests;

/// <summary>A run's progress history is held in memory a few chunks at a time, also when its checkpoints are far apart.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LongRunHistoryTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_run_without_a_checkpoint_yet_writes_its_history_as_it_goes_and_reads_it_back_whole()
    {
        var runId = $"long-history-{Guid.NewGuid():N}";
        var run = fixture.Grains.GetGrain<IRunGrain>(runId);
        var spec = TestData.Spec(TestData.WriteSpurious(), ObjectiveKind.Erm, workers: 1, steps: 100_000, batchSize: 16, evalEvery: 1_000);
        await run.SubmitAsync(spec with { Training = spec.Training with { CheckpointEvery = 100_000 } }, "local");
        // Past the changed chunks the run grain holds before it writes them (the report of the next step waits on the write).
        var beyond = (ProgressLog.MaxDirtyChunks + 1) * ProgressLog.ChunkSteps + 2;
        await RunWatcher.UntilAsync(run, (_, progress) => progress.Count > 0 && progress[^1].Step >= beyond, Timeout, $"step {beyond}");

        var firstChunk = Path.Combine(fixture.Checkpoints.Root, JobDocuments.NameOf(runId, ProgressLog.ChunkName(0)).Replace('/', Path.DirectorySeparatorChar));
        Assert.True(File.Exists(firstChunk), "no history was written before the first checkpoint: the run grain holds all of it");

        await run.CancelAsync();
        var (done, _) = await RunWatcher.UntilTerminalAsync(run, Timeout);
        var history = new List<ProgressRecord>();
        for (var page = await run.GetHistoryAsync(0, 10_000); page.Count > 0; page = await run.GetHistoryAsync(history[^1].Step, 10_000))
        {
            history.AddRange(page);
        }
        Assert.Equal(Enumerable.Range(1, done.LastProgress!.Step), history.Select(progress => progress.Step));
    }
}
