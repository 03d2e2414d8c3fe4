using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Minimax.Contracts.Specs;

/// <summary>A grid value as the report shows it: YAML's plain numbers and booleans typed, lists and mappings as JSON.</summary>
internal static class SweepValues
{
    public static SweepValueSpec Of(string path, SpecValue value) => value switch
    {
        SpecScalar { IsNull: true } => new(path, SweepValueKind.Json, "null"),
        SpecScalar { IsPlain: true } scalar when IsBool(scalar.Value) => new(path, SweepValueKind.Flag, scalar.Value.ToLowerInvariant()),
        SpecScalar { IsPlain: true } scalar when IsNumber(scalar.Value) => new(path, SweepValueKind.Number, scalar.Value),
        SpecScalar scalar => new(path, SweepValueKind.Text, scalar.Value),
        _ => new(path, SweepValueKind.Json, Json(value)),
    };

    private static bool IsBool(string text) => text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE";

    private static bool IsNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number);

    private static string Json(SpecValue value)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, value);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter json, SpecValue value)
    {
        switch (value)
        {
            case SpecMapping mapping:
                json.WriteStartObject();
                foreach (var (key, child) in mapping.Children)
                {
                    json.WritePropertyName(key);
                    Write(json, child);
                }
                json.WriteEndObject();
                break;
            case SpecSequence sequence:
                json.WriteStartArray();
                foreach (var child in sequence.Children)
                {
                    Write(json, child);
                }
                json.WriteEndArray();
                break;
            case SpecScalar { IsNull: true }:
                json.WriteNullValue();
                break;
            case SpecScalar { IsPlain: true } scalar when IsBool(scalar.Value):
                json.WriteBooleanValue(char.ToLowerInvariant(scalar.Value[0]) == 't');
                break;
            case SpecScalar { IsPlain: true } scalar when IsNumber(scalar.Value):
                json.WriteNumberValue(double.Parse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture));
                break;
            case SpecScalar scalar:
                json.WriteStringValue(scalar.Value);
                break;
        }
    }
}
