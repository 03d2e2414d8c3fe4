using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Tests;

/// <summary>The tenant's registry grain enforces the concurrent-jobs limit for the whole cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RunAdmissionTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_registry_admits_up_to_the_limit_and_frees_a_place_when_a_run_ends()
    {
        var tenant = $"tenant-{Guid.NewGuid():N}";
        var registry = fixture.Grains.GetGrain<IJobRegistryGrain>(tenant);
        var (first, second, never) = ($"admit-{Guid.NewGuid():N}", $"admit-{Guid.NewGuid():N}", $"admit-{Guid.NewGuid():N}");
        var run = fixture.Grains.GetGrain<IRunGrain>(first);

        Assert.Null(await registry.AdmitAsync(Train(first), limit: 1));
        await run.SubmitAsync(TestData.Spec(TestData.WriteSpurious(), ObjectiveKind.Erm, workers: 1, steps: 3), tenant);
        Assert.Equal(1, await registry.AdmitAsync(Train(second), limit: 1));
        Assert.Null(await registry.AdmitAsync(Train(first), limit: 1));

        await RunWatcher.UntilTerminalAsync(run, TimeSpan.FromSeconds(60));

        Assert.Null(await registry.AdmitAsync(Train(second), limit: 1));
        Assert.Equal([first, second], (await registry.ListAsync(0)).Jobs.Select(job => job.Job.JobId));
        // Admitted, its submit still in flight: it holds its place.
        Assert.Equal(1, await registry.AdmitAsync(Train(never), limit: 1));
    }

    private static JobEntry Train(string id) => new(id, JobKinds.Train, null);
}
