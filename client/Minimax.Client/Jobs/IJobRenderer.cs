using System.Text.Json;
using Minimax.Contracts.Api;
using Spectre.Console;

namespace Minimax.Client.Jobs;

/// <summary>
/// How the client shows one kind of job: its progress, its final report as tables and as JSON, and its
/// plots. Everything else (submit, watch, cancel, list, exit codes) is the same for every kind; a new
/// kind is an implementation of this interface added to <see cref="JobRenderers.Default"/>.
/// </summary>
public interface IJobRenderer
{
    /// <summary>The kind on the wire (<c>JobReport.kind</c>, <c>JobProgress.kind</c>, the spec's <c>kind</c>).</summary>
    string Kind { get; }

    /// <summary>What messages call a job of this kind: "run failed", "mixture cancelled".</summary>
    string Noun { get; }

    /// <summary>The files <see cref="WritePlots"/> writes; empty when the kind has no plots.</summary>
    IReadOnlyList<string> PlotFiles => [];

    /// <summary>One progress event as bars: one item per thing that advances (a run's steps, each stage run of a mixture).</summary>
    IReadOnlyList<ProgressItem> Progress(JobProgress progress);

    /// <summary>The warnings a progress event carries (<see cref="JobWarnings"/> shows each once).</summary>
    IReadOnlyList<string> Warnings(JobProgress progress) => [];

    /// <summary>The warnings kept in the report.</summary>
    IReadOnlyList<string> Warnings(JobReport report) => [];

    /// <summary>Bars for the final report, so that they end where the job did; empty leaves them at the last event.</summary>
    IReadOnlyList<ProgressItem> Final(JobReport report) => [];

    /// <summary>The report for people: a header line, the reason if any, and the kind's tables.</summary>
    void WriteReport(IAnsiConsole console, JobReport report);

    /// <summary>The report's JSON fields, into an object that already holds <c>job_id</c> and <c>kind</c>.</summary>
    void WriteJson(Utf8JsonWriter json, JobReport report);

    /// <summary>Extra fields of the JSON that <c>submit --json</c> prints after <c>job_id</c> and <c>kind</c>.</summary>
    void WriteSubmitted(Utf8JsonWriter json, SubmitJobReply reply)
    {
    }

    /// <summary>Writes the plots into <paramref name="directory"/>: one line per plot, its path or why it was skipped.</summary>
    IReadOnlyList<string> WritePlots(string directory, JobReport report) => [];
}
