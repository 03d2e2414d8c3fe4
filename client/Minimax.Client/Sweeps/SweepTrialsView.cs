using System.Globalization;
using Minimax.Client.Connection;
using Minimax.Contracts.Api;
using Spectre.Console;
using static Minimax.Client.Jobs.Numbers;

namespace Minimax.Client.Sweeps;

/// <summary>A sweep's trials for people: one row per run (its values, status, steps and metrics), then why each trial that did not complete ended.</summary>
internal static class SweepTrialsView
{
    public static void Write(IAnsiConsole console, SweepReport report)
    {
        var trials = SweepTrials.All(report);
        if (trials.Count == 0)
        {
            return;
        }

        var select = SweepMetric.Columns(report.SelectMetric)[0];
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("run").NoWrap()).AddColumns("values", "status");
        foreach (var heading in new[] { "steps", select.Heading, SweepMetric.TestWorst.Heading })
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        foreach (var (configuration, trial) in trials)
        {
            table.AddRow(
                Markup.Escape(trial.RunId),
                Markup.Escape(SweepTrials.Label(configuration, trial)),
                Markup.Escape(trial.Status),
                string.Create(CultureInfo.InvariantCulture, $"{trial.Step}/{trial.TotalSteps}"),
                Metric(trial, select),
                Metric(trial, SweepMetric.TestWorst));
        }

        console.Write(table);
        foreach (var (_, trial) in trials.Where(t => t.Trial.Reason.Length > 0))
        {
            console.MarkupLine($"{Markup.Escape(trial.RunId)} {Markup.Escape(trial.Status)}: {Markup.Escape(RpcFailure.OneLine(trial.Reason))}");
        }
    }

    private static string Metric(SweepTrial trial, SweepMetric metric) =>
        trial.Metrics is { } metrics ? Fixed(metric.OfTrial(metrics), 3) : "-";
}
