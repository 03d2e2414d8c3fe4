using Minimax.Contracts.Api;
using Minimax.Testing;

namespace Minimax.Benchmarks;

/// <summary>
/// <c>count</c> Minimax.Silo processes of one fresh cluster (azure mode on the caller's Azurite), on
/// loopback, each with the same extra settings. Runs are submitted through the first silo and followed
/// to their end; their reports say which silos their workers trained on.
/// </summary>
public sealed class SiloProcessCluster : IAsyncDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);
    private readonly List<SiloProcess> _silos;

    private SiloProcessCluster(List<SiloProcess> silos) => _silos = silos;

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public static async Task<SiloProcessCluster> StartAsync(
        string connectionString, int count, string dataRoot, IEnumerable<(string Key, string Value)> settings)
    {
        var clusterId = $"bench-{count}silos-{Guid.NewGuid():N}";
        var silos = new List<SiloProcess>();
        try
        {
            // One after another: each joins a cluster whose earlier members it can already see.
            for (var i = 0; i < count; i++)
            {
                silos.Add(await SiloProcess.StartAsync(connectionString, clusterId, SiloProcess.Endpoints.Fresh(), dataRoot, settings));
            }
            return new SiloProcessCluster(silos);
        }
        catch
        {
            await new SiloProcessCluster(silos).DisposeAsync();
            throw;
        }
    }

    /// <summary>Submits <paramref name="specYaml"/>, waits for its final report and returns the run's report; throws unless it completed.</summary>
    public async Task<RunReport> RunToEndAsync(string specYaml, string specDirectory)
    {
        var entry = _silos[0];
        var runId = (await entry.Client.SubmitRunAsync(new SubmitRunRequest { SpecYaml = specYaml, SpecDirectory = specDirectory })).RunId;
        var final = await JobEvents.UntilAsync(entry.Jobs, runId, _ => false, RunTimeout);
        var report = await entry.Client.GetRunAsync(new GetRunRequest { RunId = runId });
        if (final.Report.Status != "completed")
        {
            throw new InvalidOperationException($"run {runId} ended {final.Report.Status}: {final.Report.Reason}\n{Output}");
        }
        return report;
    }

    /// <summary>Null when the run's workers trained on as many different silos of this cluster as it had workers, else what went wrong.</summary>
    public string? SpreadProblem(RunReport report)
    {
        var members = _silos.Select(silo => silo.Ports.SiloEndpoint).ToHashSet();
        var distinct = report.WorkerSilos.Distinct().Count();
        return distinct == report.Workers && report.WorkerSilos.All(members.Contains)
            ? null
            : $"run {report.RunId}: {report.Workers} workers on [{string.Join(", ", report.WorkerSilos)}], cluster [{string.Join(", ", members)}]";
    }

    /// <summary>Every silo's output, for a failure message.</summary>
    public string Output => string.Join("\n", _silos.Select((silo, i) => $"silo {i + 1} ({silo.Ports.SiloEndpoint}) output:\n{silo.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }
}
