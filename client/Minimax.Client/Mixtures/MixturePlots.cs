using Minimax.Contracts.Api;
using Minimax.Client.Jobs;
using ScottPlot;

namespace Minimax.Client.Mixtures;

/// <summary>
/// Writes the plots of a mixture report with ScottPlot: domain-weights.png (the last round's proxy
/// weights over steps, one line per domain, with the averaged weights as dashed lines in the same
/// colour) and perplexity.png (main vs baseline held-out perplexity per domain, grouped bars).
/// </summary>
internal static class MixturePlots
{
    public const string WeightsFile = "domain-weights.png";
    public const string PerplexityFile = "perplexity.png";

    /// <summary>Writes what the report has data for; returns one line per plot: its path, or why it was skipped.</summary>
    public static IReadOnlyList<string> Write(string directory, MixtureReport report)
    {
        Directory.CreateDirectory(directory);
        return [WriteWeights(directory, report), WritePerplexity(directory, report)];
    }

    private static string WriteWeights(string directory, MixtureReport report)
    {
        var domains = Domains(report);
        if (report.WeightTrajectory.Count == 0 && report.DomainWeights.Count == 0)
        {
            return $"{WeightsFile}: skipped, the report has no domain weights yet";
        }

        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var d = 0; d < domains.Count; d++)
        {
            var domain = domains[d];
            var color = palette.GetColor(d);
            var points = report.WeightTrajectory.Where(p => p.Weights.ContainsKey(domain)).ToList();
            if (points.Count > 0)
            {
                var line = plot.Add.ScatterLine(
                    points.Select(p => (double)p.Step).ToArray(),
                    points.Select(p => p.Weights[domain]).ToArray(),
                    color);
                line.LegendText = domain;
                line.LineWidth = 2;
            }

            if (report.DomainWeights.TryGetValue(domain, out var average))
            {
                var mean = plot.Add.HorizontalLine(average, width: 1.5f, color: color, pattern: LinePattern.Dashed);
                // One legend entry per domain: the trajectory's, or the dashed line's when there is no trajectory.
                mean.LegendText = points.Count > 0 ? "" : domain;
            }
        }

        plot.Title($"{report.Name}: domain weights (dashed: averaged)");
        plot.XLabel("proxy step");
        plot.YLabel("weight");
        plot.ShowLegend(Edge.Right);
        return PlotImage.Save(plot, directory, WeightsFile);
    }

    private static string WritePerplexity(string directory, MixtureReport report)
    {
        if (report.Main is null || report.Baseline is null)
        {
            return $"{PerplexityFile}: skipped, the report has no {(report.Main is null ? "main" : "baseline")} model perplexity";
        }

        var domains = Domains(report);
        var palette = new ScottPlot.Palettes.Category10();
        var models = new[] { ("main (DoReMi weights)", report.Main), ("baseline (reference weights)", report.Baseline) };
        var plot = new Plot();
        var ticks = new List<Tick>();
        for (var d = 0; d < domains.Count; d++)
        {
            var center = d * (models.Length + 1.0);
            for (var m = 0; m < models.Length; m++)
            {
                if (models[m].Item2.PerDomain.TryGetValue(domains[d], out var perplexity) && double.IsFinite(perplexity))
                {
                    plot.Add.Bar(new Bar
                    {
                        Position = center + m - ((models.Length - 1) / 2.0),
                        Value = perplexity,
                        FillColor = palette.GetColor(m),
                    });
                }
            }

            ticks.Add(new Tick(center, domains[d]));
        }

        foreach (var (m, (label, _)) in models.Index())
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = palette.GetColor(m) });
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Margins(bottom: 0);
        plot.HideGrid();
        plot.Title($"{report.Name}: held-out perplexity per domain");
        plot.YLabel("perplexity");
        plot.ShowLegend(Alignment.UpperLeft);
        return PlotImage.Save(plot, directory, PerplexityFile);
    }

    private static List<string> Domains(MixtureReport report) =>
        report.Domains.Count > 0 ? [.. report.Domains] : [.. MixtureJson.OrderedKeys(report.DomainWeights, [])];
}
