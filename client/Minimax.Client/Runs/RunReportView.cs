using System.Globalization;
using Minimax.Contracts.Api;
using Spectre.Console;
using static Minimax.Client.Jobs.Numbers;

namespace Minimax.Client.Runs;

/// <summary>Renders a run report for people: a per-group table and summary lines.</summary>
internal static class RunReportView
{
    public static void Write(IAnsiConsole console, RunReport report)
    {
        var color = Jobs.Terminal.StatusColor(report.Status);
        var steps = report.TotalSteps > 0 ? $"{report.Steps}/{report.TotalSteps}" : $"{report.Steps}";
        console.MarkupLine(
            $"[bold]{Markup.Escape(report.Name)}[/] ({Markup.Escape(report.RunId)}): [{color}]{Markup.Escape(report.Status)}[/], " +
            $"{steps} steps, {Fixed(report.WallSeconds, 1)} s" +
            (report.MedianStepSeconds > 0 ? $", {Fixed(report.MedianStepSeconds * 1000, 1)} ms/step median" : "") +
            (report.BestStep > 0 ? $", model from step {report.BestStep}" : "") +
            MemoryPerWorker(report.MemoryEstimateBytes));

        if (report.Reason.Length > 0)
        {
            console.MarkupLine($"[{color}]{Markup.Escape(report.Reason)}[/]");
        }

        var groupCount = new[]
        {
            report.Val?.Groups.Count ?? 0,
            report.Test?.Groups.Count ?? 0,
            report.GroupWeights.Count,
            report.TrainGroupCounts.Count,
        }.Max();
        if (groupCount == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("group");
        foreach (var heading in new[] { "train n", "q", "val n", "val acc", "val loss", "test n", "test acc", "test loss" })
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        for (var g = 0; g < groupCount; g++)
        {
            var val = Group(report.Val, g);
            var test = Group(report.Test, g);
            var worst = report.Test is { } t && t.Groups.Count > 0 && t.WorstGroup == g;
            var name = g < report.GroupNames.Count ? Markup.Escape(report.GroupNames[g]) : g.ToString(CultureInfo.InvariantCulture);
            table.AddRow(
                worst ? $"[bold]{name}[/] (worst)" : name,
                g < report.TrainGroupCounts.Count ? report.TrainGroupCounts[g].ToString(CultureInfo.InvariantCulture) : "",
                g < report.GroupWeights.Count ? Fixed(report.GroupWeights[g], 3) : "",
                val?.Count.ToString(CultureInfo.InvariantCulture) ?? "",
                val is null ? "" : Fixed(val.Accuracy, 4),
                val is null ? "" : Fixed(val.Loss, 4),
                test?.Count.ToString(CultureInfo.InvariantCulture) ?? "",
                test is null ? "" : Fixed(test.Accuracy, 4),
                test is null ? "" : Fixed(test.Loss, 4));
        }

        console.Write(table);
        WriteSummary(console, "val", report.Val);
        WriteSummary(console, "test", report.Test);
    }

    private static void WriteSummary(IAnsiConsole console, string split, SplitMetrics? metrics)
    {
        if (metrics is null || metrics.Groups.Count == 0)
        {
            return;
        }

        console.MarkupLine(
            $"{split,-5} average accuracy {Fixed(metrics.AverageAccuracy, 4)}  " +
            $"[bold]worst-group accuracy {Fixed(metrics.WorstGroupAccuracy, 4)}[/] (group {metrics.WorstGroup})  " +
            $"macro {Fixed(metrics.MacroAccuracy, 4)}  train-weighted {Fixed(metrics.TrainWeightedAccuracy, 4)}  " +
            $"loss {Fixed(metrics.AverageLoss, 4)}");
        if (metrics.AveragePerplexity > 0)
        {
            console.MarkupLine(
                $"{split,-5} perplexity: average over domains {Fixed(metrics.AveragePerplexity, 3)} (geometric; arithmetic {Fixed(metrics.ArithmeticAveragePerplexity, 3)})  " +
                $"[bold]worst {Fixed(metrics.WorstPerplexity, 3)}[/] (group {metrics.WorstPerplexityGroup})");
        }
    }

    private static GroupMetrics? Group(SplitMetrics? metrics, int group) =>
        metrics?.Groups.FirstOrDefault(m => m.Group == group);
}
