using Microsoft.Extensions.Options;
using Minimax.Contracts.Grains.Cluster;
using Orleans.Concurrency;
using Orleans.Configuration;

namespace Minimax.Grains.Cluster;

/// <summary>
/// Membership from Orleans' management grain, then, from each active silo at once, its activation count and its
/// <see cref="SiloActivityGrain"/>'s figures. A silo that does not answer in time is listed with the reason
/// instead of failing the whole status.
/// </summary>
[StatelessWorker]
public sealed class ClusterStatusGrain(IOptions<ClusterOptions> cluster) : Grain, IClusterStatusGrain
{
    private static readonly TimeSpan SiloAnswerTimeout = TimeSpan.FromSeconds(10);

    public async Task<ClusterSnapshot> GetAsync()
    {
        var management = GrainFactory.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false);
        var silos = await Task.WhenAll(hosts
            .Where(entry => entry.Status != SiloStatus.Dead)
            .OrderBy(entry => entry.SiloAddress.Endpoint.ToString(), StringComparer.Ordinal)
            .Select(entry => DescribeAsync(management, entry)));
        return new ClusterSnapshot(cluster.Value.ClusterId, silos);
    }

    private async Task<SiloSnapshot> DescribeAsync(IManagementGrain management, MembershipEntry entry)
    {
        var address = entry.SiloAddress;
        var membership = new SiloSnapshot(
            address.Endpoint.ToString(), entry.SiloName ?? "", entry.HostName ?? "", StatusName(entry.Status), entry.StartTime, "", 0, [], 0, null);
        if (entry.Status != SiloStatus.Active)
        {
            // Joining or leaving: it hosts no grains to ask.
            return membership;
        }
        var silo = address.ToParsableString();
        var statistics = management.GetRuntimeStatistics([address]);
        var activity = GrainFactory.GetGrain<ISiloActivityGrain>(silo).GetAsync();
        try
        {
            await Task.WhenAll(statistics, activity).WaitAsync(SiloAnswerTimeout);
        }
        catch (Exception exception) when (exception is TimeoutException or OrleansException)
        {
            return membership with { Error = $"did not answer: {OneLine(exception.Message)}" };
        }
        var own = await activity;
        if (own.Silo != silo)
        {
            return membership with { Error = $"answered by {own.Silo}, not by itself" };
        }
        return membership with
        {
            Role = own.Role,
            Activations = (await statistics)[0].ActivationCount,
            Jobs = own.Jobs,
            StepsPerSecond = own.StepsPerSecond,
        };
    }

    /// <summary>Orleans' SiloStatus in the API's spelling: active, joining, shutting_down, ...</summary>
    private static string StatusName(SiloStatus status) => status switch
    {
        SiloStatus.ShuttingDown => "shutting_down",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
