using System.Text.Json;
using Minimax.Contracts.Api;
using static Minimax.Client.Jobs.JobJson;

namespace Minimax.Client.Sweeps;

/// <summary>
/// The JSON fields of a sweep report after job_id and kind (issue 11's names): grid values as objects
/// keyed by dotted path, aggregates as {mean, sd, n} or null before a trial completed, a trial's metrics
/// null until it completed, and <c>selected</c> null until a configuration is selected.
/// </summary>
internal static class SweepJson
{
    public static void WriteFields(Utf8JsonWriter json, SweepReport report)
    {
        json.WriteString("name", report.Name);
        json.WriteString("status", report.Status);
        json.WriteString("reason", report.Reason);
        WriteNumber(json, "wall_seconds", report.WallSeconds);
        WriteStrings(json, "keys", report.Keys);
        WriteStrings(json, "over", report.Over);
        json.WriteString("select_metric", report.SelectMetric);
        json.WriteNumber("trials", report.Trials);
        json.WriteNumber("trials_completed", report.TrialsCompleted);
        json.WriteNumber("trials_failed", report.TrialsFailed);
        json.WriteNumber("trials_stopped", report.TrialsStopped);
        json.WriteNumber("parallel", report.Parallel);
        json.WriteStartArray("configurations");
        foreach (var configuration in report.Configurations)
        {
            WriteConfiguration(json, configuration);
        }

        json.WriteEndArray();
        var selected = SweepView.Selected(report);
        if (selected.Count > 0)
        {
            SweepValues.WriteObject(json, "selected", selected);
        }
        else
        {
            json.WriteNull("selected");
        }
    }

    private static void WriteConfiguration(Utf8JsonWriter json, SweepConfiguration configuration)
    {
        json.WriteStartObject();
        SweepValues.WriteObject(json, "values", configuration.Values);
        json.WriteStartArray("trials");
        foreach (var trial in configuration.Trials)
        {
            WriteTrial(json, trial);
        }

        json.WriteEndArray();
        foreach (var metric in SweepMetric.All)
        {
            WriteMeanSd(json, metric.Name, metric.Aggregate(configuration));
        }

        json.WriteBoolean("selected", configuration.Selected);
        json.WriteEndObject();
    }

    private static void WriteTrial(Utf8JsonWriter json, SweepTrial trial)
    {
        json.WriteStartObject();
        json.WriteString("run_id", trial.RunId);
        SweepValues.WriteObject(json, "values", trial.Values);
        json.WriteString("status", trial.Status);
        json.WriteNumber("step", trial.Step);
        json.WriteNumber("total_steps", trial.TotalSteps);
        json.WriteString("reason", trial.Reason);
        if (trial.Metrics is { } metrics)
        {
            json.WriteStartObject("metrics");
            foreach (var metric in SweepMetric.All)
            {
                WriteNumber(json, metric.Name, metric.OfTrial(metrics));
            }

            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("metrics");
        }

        json.WriteEndObject();
    }

    private static void WriteMeanSd(Utf8JsonWriter json, string name, MeanSd? aggregate)
    {
        if (aggregate is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        WriteNumber(json, "mean", aggregate.Mean);
        WriteNumber(json, "sd", aggregate.Sd);
        json.WriteNumber("n", aggregate.N);
        json.WriteEndObject();
    }
}
