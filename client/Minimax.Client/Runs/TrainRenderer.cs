using System.Text.Json;
using Minimax.Client.Jobs;
using Minimax.Contracts.Api;
using Spectre.Console;

namespace Minimax.Client.Runs;

/// <summary>
/// Kind <c>train</c>: one training run. Its JSON is the RunReport with proto field names (docs/run-spec.md,
/// "The report") after job_id and kind; its view is the per-group table; it has no plots.
/// </summary>
public sealed class TrainRenderer : IJobRenderer
{
    public string Kind => "train";

    public string Noun => "run";

    public IReadOnlyList<ProgressItem> Progress(JobProgress progress) =>
        progress.Run is { } run
            ? [new ProgressItem("run", RunProgressText.Describe(run), run.Step, run.TotalSteps, $"{run.Val?.Step ?? -1}/{ProgressItem.Tenth(run.Step, run.TotalSteps)}")]
            : [ProgressItem.Generic(progress)];

    public IReadOnlyList<string> Warnings(JobProgress progress) => [.. progress.Run?.Warnings ?? []];

    public IReadOnlyList<string> Warnings(JobReport report) => [.. report.Run?.Warnings ?? []];

    public void WriteReport(IAnsiConsole console, JobReport report) => RunReportView.Write(console, Run(report));

    public void WriteJson(Utf8JsonWriter json, JobReport report) => JobJson.WriteFields(json, Run(report));

    public void WriteSubmitted(Utf8JsonWriter json, SubmitJobReply reply) => json.WriteString("run_id", reply.JobId);

    /// <summary>The run's own report, or one made of the job's common fields while the cluster has none.</summary>
    public static RunReport Run(JobReport report) => report.Run ?? new RunReport
    {
        RunId = report.JobId,
        Name = report.Name,
        Status = report.Status,
        Reason = report.Reason,
        WallSeconds = report.WallSeconds,
    };
}
