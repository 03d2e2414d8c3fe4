using Minimax.Client.Sweeps;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

public sealed class SweepPlotsTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_completed_sweep_writes_the_trade_off_plot_as_png()
    {
        var directory = _folder.Combine("plots");

        var lines = SweepPlots.Write(directory, SweepReports.Completed());

        Assert.Equal([Path.Combine(directory, "sweep.png")], lines);
        Png.AssertValid(Path.Combine(directory, "sweep.png"));
    }

    [Fact]
    public void A_running_sweep_plots_the_configurations_that_have_a_completed_trial()
    {
        SweepPlots.Write(_folder.Path, SweepReports.Running());

        Png.AssertValid(_folder.Combine("sweep.png"));
    }

    [Fact]
    public void Without_metrics_the_plot_is_skipped_with_a_note()
    {
        var report = SweepReports.Running();
        report.Configurations.RemoveAt(0);

        var lines = SweepPlots.Write(_folder.Path, report);

        Assert.Equal(["sweep.png: skipped, no configuration has a completed trial yet"], lines);
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void Through_the_renderer_a_job_without_a_sweep_report_writes_no_plot()
    {
        var lines = new SweepRenderer().WritePlots(_folder.Path, new JobReport { JobId = "sweep-1", Kind = "sweep", Status = "pending" });

        Assert.Contains("skipped", Assert.Single(lines));
        Assert.Empty(Directory.GetFiles(_folder.Path));
    }
}
