using Grpc.Core;
using Minimax.Contracts.Api;

namespace Minimax.EndToEnd.Tests;

[Collection(SecuredSiloCollection.Name)]
public sealed class IdempotentSubmitTests(SecuredSiloFixture silo)
{
    [Fact]
    public async Task The_same_request_id_twice_gives_one_run()
    {
        var client = silo.ClientFor("delta");
        var requestId = $"retry-{Guid.NewGuid():N}";

        var first = await client.SubmitRunAsync(silo.Request(SiloFixture.SpecYaml("erm", steps: 100000, workers: 1), requestId));
        // The retry arrives while the first is still running, at the tenant's limit of one run: it is not a new run.
        var second = await client.SubmitRunAsync(silo.Request(SiloFixture.SpecYaml("erm", steps: 100000, workers: 1), requestId));
        var list = await client.ListRunsAsync(new ListRunsRequest());
        // Another tenant's identical request id is another run.
        var other = silo.ClientFor("eta");
        var theirs = await other.SubmitRunAsync(silo.Request(SiloFixture.SpecYaml("erm", steps: 100000, workers: 1), requestId));

        Assert.Equal(first.RunId, second.RunId);
        Assert.Equal(first.RunId, Assert.Single(list.Runs).RunId);
        Assert.NotEqual(first.RunId, theirs.RunId);
        await SecuredSiloFixture.CancelAndWaitAsync(client, first.RunId);
        await SecuredSiloFixture.CancelAndWaitAsync(other, theirs.RunId);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("tab\there")]
    [InlineData("é")]
    public async Task A_bad_request_id_is_invalid_argument_naming_it(string requestId)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await silo.ClientFor("delta").SubmitRunAsync(silo.Request(SiloFixture.SpecYaml(), requestId)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("request_id: ", error.Status.Detail);
    }

    [Fact]
    public async Task A_request_id_over_128_characters_is_invalid_argument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await silo.ClientFor("delta").SubmitRunAsync(silo.Request(SiloFixture.SpecYaml(), new string('x', 129))));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("request_id: ", error.Status.Detail);
    }
}
