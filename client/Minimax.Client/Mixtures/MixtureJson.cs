using System.Text.Json;
using Google.Protobuf.Collections;
using Minimax.Contracts.Api;
using static Minimax.Client.Jobs.JobJson;

namespace Minimax.Client.Mixtures;

/// <summary>
/// The JSON fields of a mixture report after job_id and kind: snake_case names like the runs' JSON,
/// weight maps as objects keyed by domain (in the report's domain order), absent models and
/// steps_to_baseline as null, and non-finite numbers (an infinite perplexity) as null.
/// </summary>
internal static class MixtureJson
{
    /// <summary>Average (geometric) held-out perplexity per evaluation step: what steps_to_baseline is read from.</summary>
    private static void WriteCurve(Utf8JsonWriter json, string name, RepeatedField<PerplexityAtStep> curve)
    {
        json.WriteStartArray(name);
        foreach (var point in curve)
        {
            json.WriteStartObject();
            json.WriteNumber("step", point.Step);
            WriteNumber(json, "average", point.Average);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void WriteFields(Utf8JsonWriter json, MixtureReport report)
    {
        json.WriteString("name", report.Name);
        json.WriteString("status", report.Status);
        json.WriteString("reason", report.Reason);
        WriteStrings(json, "domains", report.Domains);
        WriteWeights(json, "domain_weights", report.DomainWeights, report.Domains);
        WriteWeights(json, "reference_weights", report.ReferenceWeights, report.Domains);
        json.WriteStartArray("weight_trajectory");
        foreach (var point in report.WeightTrajectory)
        {
            json.WriteStartObject();
            json.WriteNumber("step", point.Step);
            WriteWeights(json, "weights", point.Weights, report.Domains);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WritePerplexity(json, "main", report.Main, report.Domains);
        WritePerplexity(json, "baseline", report.Baseline, report.Domains);
        if (report.HasStepsToBaseline)
        {
            json.WriteNumber("steps_to_baseline", report.StepsToBaseline);
        }
        else
        {
            json.WriteNull("steps_to_baseline");
        }

        WriteCurve(json, "main_curve", report.MainCurve);
        WriteCurve(json, "baseline_curve", report.BaselineCurve);
        json.WriteNumber("memory_estimate_bytes", report.MemoryEstimateBytes);
        WriteStages(json, report.Stages);
        json.WriteNumber("rounds", report.Rounds);
        json.WriteStartArray("round_weights");
        foreach (var round in report.RoundWeights)
        {
            json.WriteStartObject();
            json.WriteNumber("round", round.Round);
            WriteWeights(json, "reference_weights", round.ReferenceWeights, report.Domains);
            WriteWeights(json, "domain_weights", round.DomainWeights, report.Domains);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteNumber(json, "wall_seconds", report.WallSeconds);
    }

    /// <summary>The keys of a domain map: the report's domains first, in order, then any others by name.</summary>
    public static IEnumerable<string> OrderedKeys(MapField<string, double> map, IEnumerable<string> domains)
    {
        var known = domains.Where(map.ContainsKey).ToList();
        return known.Concat(map.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal));
    }

    private static void WriteWeights(Utf8JsonWriter json, string name, MapField<string, double> map, IEnumerable<string> domains)
    {
        json.WriteStartObject(name);
        foreach (var key in OrderedKeys(map, domains))
        {
            WriteNumber(json, key, map[key]);
        }

        json.WriteEndObject();
    }

    private static void WritePerplexity(Utf8JsonWriter json, string name, PerplexityReport? report, IEnumerable<string> domains)
    {
        if (report is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        WriteWeights(json, "per_domain", report.PerDomain, domains);
        WriteNumber(json, "average", report.Average);
        WriteNumber(json, "arithmetic_average", report.ArithmeticAverage);
        WriteNumber(json, "worst", report.Worst);
        json.WriteString("worst_domain", report.WorstDomain);
        json.WriteEndObject();
    }

    private static void WriteStages(Utf8JsonWriter json, IEnumerable<MixtureStage> stages)
    {
        json.WriteStartArray("stages");
        foreach (var stage in stages)
        {
            json.WriteStartObject();
            json.WriteString("stage", stage.Stage);
            json.WriteNumber("round", stage.Round);
            json.WriteString("run_id", stage.RunId);
            json.WriteString("status", stage.Status);
            json.WriteNumber("step", stage.Step);
            json.WriteNumber("total_steps", stage.TotalSteps);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
