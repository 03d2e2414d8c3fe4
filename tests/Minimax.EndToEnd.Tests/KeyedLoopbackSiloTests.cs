using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Minimax.Contracts.Api;
using Minimax.Silo;
using Minimax.Silo.Hosting;
using Minimax.Silo.Security;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// Issue 9 item 4: a silo on loopback behind a TLS terminator, with keys configured and no Auth:Mode.
/// Configured keys mean keys are required, whatever the listen address.
/// </summary>
public sealed class KeyedLoopbackSiloTests : IAsyncLifetime
{
    private const string Key = "key-of-proxied-tenant-0123456789";

    private EmbeddedCluster? _silo;
    private GrpcChannel? _channel;

    public async Task InitializeAsync()
    {
        _silo = await EmbeddedCluster.StartAsync(
            new SiloOptions { AuthKeys = [new TenantKey("proxied", ApiKeyAuthenticator.HashKey(Key))] },
            CancellationToken.None);
        _channel = GrpcChannel.ForAddress(_silo.Address);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_caller_without_a_key_is_unauthenticated_although_the_silo_listens_on_loopback()
    {
        var client = new Jobs.JobsClient(_channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.ListJobsAsync(new ListJobsRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task A_caller_with_a_configured_key_is_served_and_health_needs_none()
    {
        var client = new Jobs.JobsClient(_channel);
        var headers = new Metadata { { "authorization", $"Bearer {Key}" } };

        var list = await client.ListJobsAsync(new ListJobsRequest(), headers);
        var health = await new Health.HealthClient(_channel).CheckAsync(new HealthCheckRequest());

        Assert.Empty(list.Jobs);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }
}
