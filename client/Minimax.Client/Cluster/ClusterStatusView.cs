using System.Globalization;
using Minimax.Client.Jobs;
using Minimax.Contracts.Api;
using Spectre.Console;

namespace Minimax.Client.Cluster;

/// <summary>
/// The cluster as tables: one line of totals, jobs by kind, then one row per silo (its name only in the JSON, so a
/// row fits 120 columns).
/// </summary>
internal static class ClusterStatusView
{
    public static void Write(IAnsiConsole console, ClusterStatus status)
    {
        console.MarkupLine(Markup.Escape(
            $"cluster {status.ClusterId}: {status.SiloCount} active silo{(status.SiloCount == 1 ? "" : "s")}, " +
            $"{Numbers.Integer(status.Activations)} activations, {Numbers.Fixed(status.StepsPerSecond, 1)} steps/s"));

        var jobs = new Table().Border(TableBorder.Rounded)
            .AddColumn("kind")
            .AddColumn(new TableColumn("active").RightAligned())
            .AddColumn(new TableColumn("pending").RightAligned());
        foreach (var kind in status.Jobs)
        {
            jobs.AddRow(Markup.Escape(kind.Kind), Numbers.Integer(kind.Active), Numbers.Integer(kind.Pending));
        }
        console.Write(jobs);

        // Addresses never wrap, so that each one can be copied whole (coordinator_silo and worker_silos name them).
        var silos = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("silo").NoWrap())
            .AddColumns("host", "status", "role", "started (UTC)")
            .AddColumn(new TableColumn("activations").RightAligned())
            .AddColumn("jobs active/pending")
            .AddColumn(new TableColumn("steps/s").RightAligned());
        foreach (var silo in status.Silos)
        {
            silos.AddRow(
                Markup.Escape(silo.Address),
                Markup.Escape(silo.Host),
                Markup.Escape(silo.Status),
                Markup.Escape(silo.Role),
                silo.StartTime is { } start ? start.ToDateTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "",
                silo.Error.Length > 0 ? "-" : Numbers.Integer(silo.Activations),
                Markup.Escape(silo.Error.Length > 0 ? silo.Error : Jobs(silo)),
                silo.Error.Length > 0 ? "-" : Numbers.Fixed(silo.StepsPerSecond, 1));
        }
        console.Write(silos);
    }

    /// <summary>"train 1/0, sweep 0/2": the kinds with live jobs on the silo, or "none".</summary>
    private static string Jobs(ClusterSilo silo)
    {
        var live = silo.Jobs.Where(kind => kind.Active + kind.Pending > 0).Select(kind => $"{kind.Kind} {kind.Active}/{kind.Pending}").ToArray();
        return live.Length > 0 ? string.Join(", ", live) : "none";
    }
}
