using Grpc.AspNetCore.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Minimax.Grains.Drain;
using Orleans.Runtime;

namespace Minimax.Silo.Hosting;

/// <summary>
/// The gRPC health service (grpc.health.v1, no credentials needed) as Kubernetes probes it: the default service ""
/// is readiness (this silo is an active member of the cluster and Orleans' own health participants are healthy),
/// <see cref="LivenessService"/> is liveness (the participants alone: a silo still joining or leaving is alive).
/// </summary>
public static class SiloHealth
{
    public const string LivenessService = "liveness";

    private const string Live = "live";
    private const string Ready = "ready";

    public static void Add(IServiceCollection services)
    {
        services.AddGrpcHealthChecks(health =>
            {
                health.Services.Map("", check => check.Tags.Contains(Ready));
                health.Services.Map(LivenessService, check => check.Tags.Contains(Live));
                // Answer each probe from a fresh check, not the publisher's result of up to 30 s ago.
                health.UseHealthChecksCache = false;
            })
            .AddCheck<OrleansParticipantsCheck>("orleans", tags: [Live, Ready])
            .AddCheck<ActiveMemberCheck>("membership", tags: [Ready]);
    }

    /// <summary>Orleans' health participants (the message center, membership agent, watchdog's subjects).</summary>
    private sealed class OrleansParticipantsCheck(IEnumerable<IHealthCheckParticipant> participants) : IHealthCheck
    {
        private DateTime _lastCheck = DateTime.UtcNow;

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var since = _lastCheck;
            _lastCheck = DateTime.UtcNow;
            var problems = new List<string>();
            foreach (var participant in participants)
            {
                if (!participant.CheckHealth(since, out var reason))
                {
                    problems.Add($"{participant.GetType().Name}: {reason}");
                }
            }
            return Task.FromResult(problems.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy(string.Join("; ", problems)));
        }
    }

    /// <summary>Ready only while the cluster's membership table says this silo is active (not joining, not shutting down) and it does not drain.</summary>
    private sealed class ActiveMemberCheck(ILocalSiloDetails silo, IClusterMembershipService membership, DrainingSilos draining) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
            return Task.FromResult(status != SiloStatus.Active
                ? HealthCheckResult.Unhealthy($"silo {silo.SiloAddress} is {status} in the cluster")
                : draining.LocalIsDraining
                    ? HealthCheckResult.Unhealthy($"silo {silo.SiloAddress} is draining: its runs checkpoint and move before it leaves")
                    : HealthCheckResult.Healthy());
        }
    }
}
