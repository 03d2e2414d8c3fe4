using Minimax.Contracts.Api;
using Spectre.Console;
using static Minimax.Client.Jobs.Numbers;

namespace Minimax.Client.Sweeps;

/// <summary>
/// Renders a sweep report for people in the layout of the paper's tables: one row per configuration
/// (its grid values, then mean ± sd over its trials of the select metric and the test accuracies), the
/// selected configuration marked with *, then each trial's run.
/// </summary>
internal static class SweepView
{
    public const string SelectedMark = "*";

    public static void Write(IAnsiConsole console, SweepReport report)
    {
        var color = Jobs.Terminal.StatusColor(report.Status);
        console.MarkupLine(
            $"[bold]{Markup.Escape(report.Name)}[/] ({Markup.Escape(report.JobId)}): [{color}]{Markup.Escape(report.Status)}[/], " +
            $"{report.TrialsCompleted}/{SweepTrials.Total(report)} trials completed, {report.TrialsFailed} failed" +
            (report.TrialsStopped > 0 ? $", {report.TrialsStopped} stopped early" : "") +
            (report.Parallel > 0 ? $", {report.Parallel} at once" : "") +
            $", {Fixed(report.WallSeconds, 1)} s");
        if (report.Reason.Length > 0)
        {
            console.MarkupLine($"[{color}]{Markup.Escape(report.Reason)}[/]");
        }

        if (report.Configurations.Count == 0)
        {
            return;
        }

        WriteConfigurations(console, report);
        if (Selected(report) is { Count: > 0 } selected)
        {
            var metric = report.SelectMetric.Length > 0 ? report.SelectMetric : SweepMetric.DefaultSelect;
            var over = report.Over.Count > 0 ? $" over {string.Join(", ", report.Over)}" : "";
            console.MarkupLine($"selected: [bold]{Markup.Escape(SweepValues.Full(selected))}[/] (best mean {Markup.Escape(metric)}{Markup.Escape(over)})");
        }

        SweepTrialsView.Write(console, report);
    }

    /// <summary>The grid fields that tell configurations apart: the keys without those aggregated over.</summary>
    public static List<string> ConfigurationKeys(SweepReport report)
    {
        IEnumerable<string> keys = report.Keys.Count > 0
            ? report.Keys
            : report.Configurations.SelectMany(c => c.Values.Select(v => v.Path)).Distinct();
        return [.. keys.Where(k => !report.Over.Contains(k))];
    }

    /// <summary>The selected configuration's values: the report's, or those of the configuration marked selected.</summary>
    public static IReadOnlyList<SweepValue> Selected(SweepReport report) =>
        report.Selected.Count > 0 ? report.Selected : report.Configurations.FirstOrDefault(c => c.Selected)?.Values ?? [];

    /// <summary>"0.840 ± 0.010", or "-" while no trial of the configuration has completed.</summary>
    public static string MeanSd(MeanSd? aggregate) =>
        aggregate is null ? "-" : $"{Fixed(aggregate.Mean, 3)} ± {Fixed(aggregate.Sd, 3)}";

    private static void WriteConfigurations(IAnsiConsole console, SweepReport report)
    {
        var keys = ConfigurationKeys(report);
        var metrics = SweepMetric.Columns(report.SelectMetric);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("").Centered());
        foreach (var key in keys)
        {
            // Short headings, as in the trials' values, so the table fits a terminal; the selected line names the full paths.
            table.AddColumn(new TableColumn(Markup.Escape(SweepValues.ShortPath(key, keys))).RightAligned());
        }

        foreach (var metric in metrics)
        {
            table.AddColumn(new TableColumn(metric.Heading).RightAligned());
        }

        table.AddColumn(new TableColumn("n").RightAligned());
        foreach (var configuration in report.Configurations)
        {
            var completed = configuration.Trials.Count(t => t.Status == "completed");
            table.AddRow(
            [
                configuration.Selected ? SelectedMark : "",
                .. keys.Select(k => Markup.Escape(configuration.Values.FirstOrDefault(v => v.Path == k) is { } v ? SweepValues.Text(v) : "")),
                .. metrics.Select(m => MeanSd(m.Aggregate(configuration))),
                $"{completed}/{configuration.Trials.Count}",
            ]);
        }

        console.Write(table);
    }
}
