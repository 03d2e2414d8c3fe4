using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Testing;

namespace Minimax.Grains.Tests;

/// <summary>
/// Workers check the tenant's data roots whenever they open data, not only at submit: a worker
/// re-initialised for a resumed run (after a silo loss) refuses a link that was planted after submit.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class WorkerDataRootsTests(ClusterFixture fixture) : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("minimax-roots-").FullName;
    private readonly string _outside = Directory.CreateDirectory(Path.Combine(TestData.OffLimits, Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public async Task A_reinitialised_worker_refuses_a_link_planted_after_the_first_initialisation()
    {
        SpuriousCsv.WriteSplits(_data, trainRows: 200, evaluationRows: 60, seed: 4);
        var spec = TestData.Spec(_data, ObjectiveKind.Erm, workers: 1, steps: 2);
        var worker = fixture.Grains.GetGrain<IWorkerGrain>($"roots-{Guid.NewGuid():N}/g1/0");
        await worker.InitializeAsync(spec, "local", 0, 1);

        var secret = Path.Combine(_outside, "secret.csv");
        File.Move(Path.Combine(_data, "train.csv"), secret);
        File.CreateSymbolicLink(Path.Combine(_data, "train.csv"), secret);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => worker.InitializeAsync(spec, "local", 0, 1));
        Assert.Contains("train.csv: is outside the data roots", error.Message);
        Assert.DoesNotContain(_outside, error.Message);
    }

    public void Dispose()
    {
        Directory.Delete(_data, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }
}
