using System.Globalization;
using System.Text.Json;
using Minimax.Contracts.Api;

namespace Minimax.Client.Sweeps;

/// <summary>
/// Grid values as the sweep's views show them: compact text ("0.0001", "true", "group_dro"), short
/// labels ("weight_decay=1 seed=0") and JSON (numbers, strings, booleans, list and mapping values raw).
/// </summary>
internal static class SweepValues
{
    public static string Text(SweepValue value) => value.ValueCase switch
    {
        SweepValue.ValueOneofCase.Number => value.Number.ToString("G4", CultureInfo.InvariantCulture),
        SweepValue.ValueOneofCase.Text => value.Text,
        SweepValue.ValueOneofCase.Flag => value.Flag ? "true" : "false",
        SweepValue.ValueOneofCase.Json => value.Json,
        _ => "",
    };

    /// <summary>"objective.kind=group_dro training.optimizer.weight_decay=1": every value with its whole path.</summary>
    public static string Full(IEnumerable<SweepValue> values) =>
        string.Join(' ', values.Select(v => $"{v.Path}={Text(v)}"));

    /// <summary>
    /// "kind=group_dro weight_decay=1 seed=0": each path by its last segment, or whole where two of
    /// <paramref name="values"/> share that segment (model.kind and objective.kind).
    /// </summary>
    public static string Short(IReadOnlyList<SweepValue> values) =>
        string.Join(' ', values.Select(v => $"{ShortPath(v.Path, values.Select(other => other.Path))}={Text(v)}"));

    /// <summary><paramref name="path"/> by its last segment, or whole where another of <paramref name="paths"/> shares that segment.</summary>
    public static string ShortPath(string path, IEnumerable<string> paths) =>
        paths.Count(other => LastSegment(other) == LastSegment(path)) > 1 ? path : LastSegment(path);

    /// <summary>The values as one JSON object keyed by path, in their order.</summary>
    public static void WriteObject(Utf8JsonWriter json, string name, IEnumerable<SweepValue> values)
    {
        json.WriteStartObject(name);
        foreach (var value in values)
        {
            json.WritePropertyName(value.Path);
            WriteValue(json, value);
        }

        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, SweepValue value)
    {
        switch (value.ValueCase)
        {
            case SweepValue.ValueOneofCase.Number when double.IsFinite(value.Number):
                json.WriteNumberValue(value.Number);
                break;
            case SweepValue.ValueOneofCase.Text:
                json.WriteStringValue(value.Text);
                break;
            case SweepValue.ValueOneofCase.Flag:
                json.WriteBooleanValue(value.Flag);
                break;
            case SweepValue.ValueOneofCase.Json:
                WriteRaw(json, value.Json);
                break;
            default:
                json.WriteNullValue();
                break;
        }
    }

    /// <summary>A list or mapping value as the JSON it is; text that is not JSON stays a string rather than breaking the line.</summary>
    private static void WriteRaw(Utf8JsonWriter json, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            document.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStringValue(text);
        }
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('.') + 1)..];
}
