using System.Text.Json;
using Minimax.Client.Jobs;
using Minimax.Contracts.Api;
using Spectre.Console;

namespace Minimax.Client.Sweeps;

/// <summary>
/// Kind <c>sweep</c>: a grid of training runs with mean and sd over seeds per configuration. Progress is
/// the trials ended and one bar per started trial; the report is <see cref="SweepView"/>,
/// <see cref="SweepJson"/> and <see cref="SweepPlots"/>.
/// </summary>
public sealed class SweepRenderer : IJobRenderer
{
    public string Kind => "sweep";

    public string Noun => "sweep";

    public IReadOnlyList<string> PlotFiles => [SweepPlots.File];

    public IReadOnlyList<ProgressItem> Progress(JobProgress progress) =>
        progress.Sweep is { } sweep ? SweepProgress.Items(sweep) : [ProgressItem.Generic(progress)];

    public IReadOnlyList<ProgressItem> Final(JobReport report) => report.Sweep is { } sweep ? SweepProgress.Items(sweep) : [];

    public void WriteReport(IAnsiConsole console, JobReport report) => SweepView.Write(console, Sweep(report));

    public void WriteJson(Utf8JsonWriter json, JobReport report) => SweepJson.WriteFields(json, Sweep(report));

    public IReadOnlyList<string> WritePlots(string directory, JobReport report) => SweepPlots.Write(directory, Sweep(report));

    /// <summary>The sweep's own report, or one made of the job's common fields while the cluster has none.</summary>
    public static SweepReport Sweep(JobReport report) => report.Sweep ?? new SweepReport
    {
        JobId = report.JobId,
        Name = report.Name,
        Status = report.Status,
        Reason = report.Reason,
        WallSeconds = report.WallSeconds,
    };
}
