using System.Text.Json;
using Minimax.Client.Jobs;
using Minimax.Contracts.Api;
using Spectre.Console;

namespace Minimax.Client.Mixtures;

/// <summary>
/// Kind <c>doremi</c>: a DoReMi mixture job. Progress is one bar per stage run; the report is the
/// per-domain weights and perplexity table, <see cref="MixtureJson"/> and <see cref="MixturePlots"/>.
/// </summary>
public sealed class DoremiRenderer : IJobRenderer
{
    public string Kind => "doremi";

    public string Noun => "mixture";

    public IReadOnlyList<string> PlotFiles => [MixturePlots.WeightsFile, MixturePlots.PerplexityFile];

    public IReadOnlyList<ProgressItem> Progress(JobProgress progress) =>
        progress.Mixture is { } mixture ? MixtureProgress.Items(mixture) : [ProgressItem.Generic(progress)];

    public IReadOnlyList<ProgressItem> Final(JobReport report) => MixtureProgress.Items(Mixture(report));

    public void WriteReport(IAnsiConsole console, JobReport report) => MixtureView.Write(console, Mixture(report));

    public void WriteJson(Utf8JsonWriter json, JobReport report) => MixtureJson.WriteFields(json, Mixture(report));

    public IReadOnlyList<string> WritePlots(string directory, JobReport report) => MixturePlots.Write(directory, Mixture(report));

    /// <summary>The mixture's own report, or one made of the job's common fields while the cluster has none.</summary>
    public static MixtureReport Mixture(JobReport report) => report.Mixture ?? new MixtureReport
    {
        JobId = report.JobId,
        Name = report.Name,
        Status = report.Status,
        Reason = report.Reason,
        WallSeconds = report.WallSeconds,
    };
}
