using System.Globalization;
using Minimax.Contracts.Api;
using Spectre.Console;
using static Minimax.Client.Jobs.Numbers;

namespace Minimax.Client.Mixtures;

/// <summary>
/// Renders a mixture report for people: a per-domain table (reference weight, DoReMi weight, main and
/// baseline held-out perplexity), the average and worst perplexity, steps to baseline, the weights of
/// each round when there were several, and the stage runs.
/// </summary>
internal static class MixtureView
{
    public static void Write(IAnsiConsole console, MixtureReport report)
    {
        var color = Jobs.Terminal.StatusColor(report.Status);
        console.MarkupLine(
            $"[bold]{Markup.Escape(report.Name)}[/] ({Markup.Escape(report.JobId)}): [{color}]{Markup.Escape(report.Status)}[/], " +
            $"{report.Rounds} round{(report.Rounds == 1 ? "" : "s")}, {Fixed(report.WallSeconds, 1)} s{MemoryPerWorker(report.MemoryEstimateBytes)}");
        if (report.Reason.Length > 0)
        {
            console.MarkupLine($"[{color}]{Markup.Escape(report.Reason)}[/]");
        }

        WriteDomains(console, report);
        WriteSummary(console, "main", report.Main);
        WriteSummary(console, "baseline", report.Baseline);
        if (report.Main is not null && report.Baseline is not null)
        {
            console.MarkupLine(report.HasStepsToBaseline
                ? $"main reached the baseline's final average perplexity at step [bold]{report.StepsToBaseline}[/]"
                : "main did not reach the baseline's final average perplexity");
        }

        WriteRounds(console, report);
        WriteStages(console, report);
    }

    private static void WriteDomains(IAnsiConsole console, MixtureReport report)
    {
        var domains = report.Domains.Count > 0 ? report.Domains.ToList() : MixtureJson.OrderedKeys(report.DomainWeights, []).ToList();
        if (domains.Count == 0)
        {
            return;
        }

        // Perplexity columns only for the models evaluated so far.
        var models = new[] { ("main ppl", report.Main), ("baseline ppl", report.Baseline) }
            .Where(m => m.Item2 is not null)
            .Select(m => (Heading: m.Item1, Perplexity: m.Item2!))
            .ToList();
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("domain");
        foreach (var heading in new[] { "reference weight", "DoReMi weight" }.Concat(models.Select(m => m.Heading)))
        {
            table.AddColumn(new TableColumn(heading).RightAligned());
        }

        foreach (var domain in domains)
        {
            var worst = report.Main is { } main && main.WorstDomain == domain;
            table.AddRow(
            [
                worst ? $"[bold]{Markup.Escape(domain)}[/] (worst)" : Markup.Escape(domain),
                Lookup(report.ReferenceWeights, domain, 3),
                Lookup(report.DomainWeights, domain, 3),
                .. models.Select(m => Lookup(m.Perplexity.PerDomain, domain, 2)),
            ]);
        }

        console.Write(table);
    }

    private static void WriteSummary(IAnsiConsole console, string model, PerplexityReport? perplexity)
    {
        if (perplexity is null)
        {
            return;
        }

        console.MarkupLine(
            $"{model,-8} average perplexity {Fixed(perplexity.Average, 2)} (geometric; arithmetic {Fixed(perplexity.ArithmeticAverage, 2)})  " +
            $"[bold]worst {Fixed(perplexity.Worst, 2)}[/] ({Markup.Escape(perplexity.WorstDomain)})");
    }

    private static void WriteRounds(IAnsiConsole console, MixtureReport report)
    {
        if (report.RoundWeights.Count < 2)
        {
            return;
        }

        var domains = report.Domains.ToList();
        var table = new Table().Border(TableBorder.Rounded).Title("DoReMi weights by round").AddColumn("round");
        foreach (var domain in domains)
        {
            table.AddColumn(new TableColumn(Markup.Escape(domain)).RightAligned());
        }

        foreach (var round in report.RoundWeights)
        {
            table.AddRow([round.Round.ToString(CultureInfo.InvariantCulture), .. domains.Select(d => Lookup(round.DomainWeights, d, 3))]);
        }

        console.Write(table);
    }

    private static void WriteStages(IAnsiConsole console, MixtureReport report)
    {
        if (report.Stages.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("round", "stage", "run", "status");
        table.AddColumn(new TableColumn("steps").RightAligned());
        foreach (var stage in report.Stages)
        {
            table.AddRow(
                stage.Round.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(stage.Stage),
                Markup.Escape(stage.RunId),
                Markup.Escape(stage.Status),
                $"{stage.Step}/{stage.TotalSteps}");
        }

        console.Write(table);
    }

    private static string Lookup(Google.Protobuf.Collections.MapField<string, double> map, string domain, int decimals) =>
        map.TryGetValue(domain, out var value) ? Fixed(value, decimals) : "";
}
