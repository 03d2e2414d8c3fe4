using Grpc.Core;
using Grpc.Health.V1;
using Minimax.Silo.Hosting;

namespace Minimax.EndToEnd.Tests;

/// <summary>The probes Kubernetes points at a silo (k8s/base): readiness on the default health service, liveness on "liveness".</summary>
[Collection(SiloCollection.Name)]
public sealed class HealthProbeTests(SiloFixture silo)
{
    [Fact]
    public async Task An_active_silo_is_ready_and_alive()
    {
        var health = new Health.HealthClient(silo.Channel);

        var ready = await health.CheckAsync(new HealthCheckRequest { Service = "" });
        var alive = await health.CheckAsync(new HealthCheckRequest { Service = SiloHealth.LivenessService });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, ready.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, alive.Status);
    }

    [Fact]
    public async Task A_service_the_silo_does_not_serve_is_not_found()
    {
        var health = new Health.HealthClient(silo.Channel);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await health.CheckAsync(new HealthCheckRequest { Service = "minimax.v1.Nothing" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
