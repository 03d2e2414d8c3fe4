using Grpc.Core;

namespace Minimax.EndToEnd.Tests;

[Collection(SecuredSiloCollection.Name)]
public sealed class LimitsTests(SecuredSiloFixture silo)
{
    [Fact]
    public async Task More_workers_than_the_limit_is_invalid_argument()
    {
        var request = silo.Request(SiloFixture.SpecYaml(workers: SecuredSiloFixture.MaxWorkers + 1));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await silo.ClientFor("zeta").SubmitRunAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal($"training.workers: at most {SecuredSiloFixture.MaxWorkers} workers per run on this cluster", error.Status.Detail);
    }

    [Fact]
    public async Task A_spec_over_the_size_limit_is_invalid_argument()
    {
        var yaml = SiloFixture.SpecYaml() + "\n# " + new string('x', SecuredSiloFixture.MaxSpecBytes) + "\n";

        var error = await Assert.ThrowsAsync<RpcException>(async () => await silo.ClientFor("zeta").SubmitRunAsync(silo.Request(yaml)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("spec_yaml: ", error.Status.Detail);
        Assert.Contains("Limits:MaxSpecBytes", error.Status.Detail);
    }

    [Fact]
    public async Task A_run_beyond_the_concurrent_runs_limit_is_resource_exhausted_until_one_ends()
    {
        var client = silo.ClientFor("zeta");
        var first = await client.SubmitRunAsync(silo.Request(SiloFixture.SpecYaml("group_dro", steps: 100000, workers: 1)));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.SubmitRunAsync(silo.Request(SiloFixture.SpecYaml("erm", steps: 3, workers: 1))));
        Assert.Equal("cancelled", (await SecuredSiloFixture.CancelAndWaitAsync(client, first.RunId)).Status);
        var afterwards = await client.SubmitRunAsync(silo.Request(SiloFixture.SpecYaml("erm", steps: 3, workers: 1)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Limits:MaxConcurrentRunsPerTenant", error.Status.Detail);
        Assert.Equal("completed", (await SecuredSiloFixture.FinalReportAsync(client, afterwards.RunId)).Status);
    }
}
