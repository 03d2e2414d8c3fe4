using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Grains.Training;
using Minimax.Testing;

namespace Minimax.Grains.Tests;

/// <summary>The workers of a run on one silo parse its data files once between them, and anew once a file changes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WorkerSharedDataTests(ClusterFixture fixture) : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("minimax-shared-").FullName;

    [Fact]
    public async Task Four_workers_of_a_run_parse_the_files_once_and_a_rewritten_file_anew()
    {
        SpuriousCsv.WriteSplits(_data, trainRows: 40_000, evaluationRows: 4_000, seed: 6);
        var spec = TestData.Spec(_data, ObjectiveKind.Erm, workers: 4, steps: 2);
        var run = $"shared-{Guid.NewGuid():N}";
        var workers = Enumerable.Range(0, 4).Select(shard => fixture.Grains.GetGrain<IWorkerGrain>($"{run}/g1/{shard}")).ToArray();
        var options = spec.Data.ToDataOptions(TestData.Roots(fixture.Checkpoints.Root).For("local"));
        var before = fixture.ParsedData.Parses;

        // The test holds the parse while the workers start, so that however their starts interleave, each
        // finds it: one parse in all, not one per worker.
        using (TabularDatasetReader.ReadShared(options, fixture.ParsedData))
        {
            var shards = await Task.WhenAll(workers.Select((worker, shard) => worker.InitializeAsync(spec, "local", shard, 4)));
            Assert.Equal(before + 1, fixture.ParsedData.Parses);
            Assert.Equal(40_000, shards.Sum(shard => shard.TrainRows));
        }
        Assert.Equal(0, fixture.ParsedData.Held);

        SpuriousCsv.Write(Path.Combine(_data, "train.csv"), 40_400, 0.9, new Random(7));
        using (TabularDatasetReader.ReadShared(options, fixture.ParsedData))
        {
            var rewritten = await Task.WhenAll(workers.Select((worker, shard) => worker.InitializeAsync(spec, "local", shard, 4)));
            Assert.Equal(before + 2, fixture.ParsedData.Parses);
            Assert.Equal(40_400, rewritten.Sum(shard => shard.TrainRows));
        }
        await Task.WhenAll(workers.Select(worker => worker.ReleaseAsync()));
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
