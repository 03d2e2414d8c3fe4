using Minimax.Client.Evaluations;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

/// <summary>Real PNGs through ScottPlot and SkiaSharp.</summary>
public sealed class EvaluationPlotsTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_report_with_groups_and_common_counter_splits_writes_both_plots()
    {
        var directory = _folder.Combine("plots");

        var lines = new EvaluationRenderer().WritePlots(directory, EvaluationReports.Completed());

        Assert.Equal([Path.Combine(directory, "groups.png"), Path.Combine(directory, "common-counter.png")], lines);
        Png.AssertValid(Path.Combine(directory, "groups.png"));
        Png.AssertValid(Path.Combine(directory, "common-counter.png"));
    }

    [Fact]
    public void Without_common_counter_splits_that_plot_is_skipped_with_a_note()
    {
        var report = EvaluationReports.Completed();
        foreach (var model in report.Evaluation.Models)
        {
            model.CommonCounter = null;
        }

        var lines = new EvaluationRenderer().WritePlots(_folder.Path, report);

        Png.AssertValid(_folder.Combine("groups.png"));
        Assert.Equal("common-counter.png: skipped, the report has no common/counter groups", lines[1]);
        Assert.False(File.Exists(_folder.Combine("common-counter.png")));
    }

    [Fact]
    public void A_report_without_models_writes_no_plots()
    {
        var lines = new EvaluationRenderer().WritePlots(_folder.Path, new JobReport { JobId = "eval-1", Kind = "evaluation", Status = "pending" });

        Assert.All(lines, line => Assert.Contains("skipped", line));
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void Groups_without_intervals_still_plot()
    {
        var report = EvaluationReports.Completed();
        foreach (var group in report.Evaluation.Models.SelectMany(m => m.Groups))
        {
            group.Ci95 = null;
        }

        report.Evaluation.Groups.Clear();

        new EvaluationRenderer().WritePlots(_folder.Path, report);

        Png.AssertValid(_folder.Combine("groups.png"));
    }
}
