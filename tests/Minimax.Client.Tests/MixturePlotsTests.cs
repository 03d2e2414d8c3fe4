using Minimax.Client.Mixtures;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

/// <summary>Real PNGs through ScottPlot and SkiaSharp: this also proves the native Skia library loads here.</summary>
public sealed class MixturePlotsTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_completed_report_writes_both_plots_as_png()
    {
        var directory = _folder.Combine("plots");

        var lines = MixturePlots.Write(directory, MixtureReports.Completed());

        Assert.Equal([Path.Combine(directory, "domain-weights.png"), Path.Combine(directory, "perplexity.png")], lines);
        Png.AssertValid(Path.Combine(directory, "domain-weights.png"));
        Png.AssertValid(Path.Combine(directory, "perplexity.png"));
    }

    [Fact]
    public void Without_main_and_baseline_the_perplexity_plot_is_skipped_with_a_note()
    {
        var report = MixtureReports.Running();
        report.WeightTrajectory.Add(new DomainWeightsAtStep { Step = 10, Weights = { report.ReferenceWeights } });

        var lines = MixturePlots.Write(_folder.Path, report);

        Png.AssertValid(_folder.Combine("domain-weights.png"));
        Assert.Equal("perplexity.png: skipped, the report has no main model perplexity", lines[1]);
        Assert.False(File.Exists(_folder.Combine("perplexity.png")));
    }

    [Fact]
    public void A_report_without_weights_writes_no_plots()
    {
        var lines = MixturePlots.Write(_folder.Path, new MixtureReport { JobId = "mix-1", Status = "pending" });

        Assert.All(lines, line => Assert.Contains("skipped", line));
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void Averaged_weights_alone_still_make_a_weights_plot()
    {
        var report = MixtureReports.Completed();
        report.WeightTrajectory.Clear();

        MixturePlots.Write(_folder.Path, report);

        Png.AssertValid(_folder.Combine("domain-weights.png"));
    }
}
