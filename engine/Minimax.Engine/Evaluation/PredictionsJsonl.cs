using System.Text.Json;
using Minimax.Engine.Data;

namespace Minimax.Engine.Evaluation;

/// <summary>
/// A predictions file as JSON Lines: one object per line with <c>id</c> (a string or an integer),
/// <c>prediction</c> (an integer) and optionally <c>response</c> (a string or null). Blank lines are skipped.
/// </summary>
internal static class PredictionsJsonl
{
    public static void Read(TextReader text, PredictionSet set)
    {
        var line = 0;
        while (text.ReadLine() is { } content)
        {
            line++;
            if (string.IsNullOrWhiteSpace(content))
            {
                continue;
            }

            set.Reserve(line);
            using var document = Parse(set, content, line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw set.Error(line, null, $"expected a JSON object, found {Describe(root.ValueKind)}");
            }

            set.Add(Id(set, root, line), Prediction(set, root, line), Response(set, root, line), line);
        }
    }

    private static JsonDocument Parse(PredictionSet set, string content, int line)
    {
        try
        {
            return JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            throw new DataException(set.File, line, null, $"not valid JSON: {e.Message}", e);
        }
    }

    private static string Id(PredictionSet set, JsonElement root, int line)
    {
        var value = Required(set, root, line, PredictionsFile.IdField);
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number when value.TryGetInt64(out var number) => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonValueKind.Number => throw set.Error(line, PredictionsFile.IdField, $"{value.GetRawText()} is not an integer; an id is a string or an integer"),
            _ => throw set.Error(line, PredictionsFile.IdField, $"expected a string or an integer, found {Describe(value.ValueKind)}"),
        };
    }

    private static long Prediction(PredictionSet set, JsonElement root, int line)
    {
        var value = Required(set, root, line, PredictionsFile.PredictionField);
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) => number,
            JsonValueKind.Number => throw set.Error(line, PredictionsFile.PredictionField, $"{value.GetRawText()} is not an integer"),
            _ => throw set.Error(line, PredictionsFile.PredictionField, $"expected an integer, found {Describe(value.ValueKind)}"),
        };
    }

    private static string? Response(PredictionSet set, JsonElement root, int line)
    {
        if (!root.TryGetProperty(PredictionsFile.ResponseField, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null => null,
            _ => throw set.Error(line, PredictionsFile.ResponseField, $"expected a string, found {Describe(value.ValueKind)}"),
        };
    }

    private static JsonElement Required(PredictionSet set, JsonElement root, int line, string field) =>
        root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw set.Error(line, field, "the field is missing");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
