using System.Text.Json;
using Minimax.Engine.Data;
using Minimax.Engine.Files;

namespace Minimax.Engine.Text;

/// <summary>Reads the records of a .jsonl file: one JSON object per line; blank lines are skipped.</summary>
internal static class JsonlRecords
{
    /// <summary>Each record's text at <paramref name="textField"/> and, when asked, its domain at <paramref name="domainField"/>.</summary>
    public static IEnumerable<(int Line, string Text, string? Domain)> Read(DataRoots roots, string file, string textField, string? domainField)
    {
        using var reader = roots.OpenText(file);
        var line = 0;
        while (reader.ReadLine() is { } content)
        {
            line++;
            if (string.IsNullOrWhiteSpace(content))
            {
                continue;
            }

            using var document = Parse(file, line, content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new DataException(file, line, null, $"the record is a JSON {Describe(root.ValueKind)}, not an object");
            }

            var text = String(root, textField, file, line);
            var domain = domainField is null ? null : String(root, domainField, file, line);
            if (domain is { Length: 0 })
            {
                throw new DataException(file, line, domainField, "the domain name is empty");
            }

            yield return (line, text, domain);
        }
    }

    private static JsonDocument Parse(string file, int line, string content)
    {
        try
        {
            return JsonDocument.Parse(content);
        }
        catch (JsonException e)
        {
            throw new DataException(file, line, null, $"invalid JSON: {e.Message}", e);
        }
    }

    /// <summary>The string at a dotted path such as <c>meta.pile_set_name</c>.</summary>
    private static string String(JsonElement root, string path, string file, int line)
    {
        var element = root;
        foreach (var name in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                throw new DataException(file, line, path, "the record has no such field");
            }
        }

        return element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new DataException(file, line, path, $"the field is a JSON {Describe(element.ValueKind)}, not a string");
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
