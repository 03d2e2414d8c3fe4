using System.Globalization;
using System.Text;

namespace Minimax.Engine.Data;

/// <summary>
/// Text taken from a data file, as an error message may show it: quoted, at most <see cref="MaxLength"/>
/// characters, with anything but printable ASCII escaped. A message must never carry a file's bytes, since
/// the file may not be what the spec says it is (another tenant's model, a binary named .csv).
/// </summary>
public static class ContentExcerpt
{
    public const int MaxLength = 40;

    /// <summary><paramref name="text"/> in single quotes, escaped and shortened with "..." past <see cref="MaxLength"/> characters.</summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var excerpt = new StringBuilder("'");
        foreach (var ch in text.Length > MaxLength ? text[..MaxLength] : text)
        {
            excerpt.Append(ch switch
            {
                '\'' => "\\'",
                '\\' => "\\\\",
                >= ' ' and <= '~' => ch.ToString(),
                <= '\xff' => "\\x" + ((int)ch).ToString("x2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)ch).ToString("x4", CultureInfo.InvariantCulture),
            });
        }

        return excerpt.Append(text.Length > MaxLength ? "'..." : "'").ToString();
    }

    /// <summary>At most <paramref name="max"/> quoted names, then how many more there are.</summary>
    public static string List(IReadOnlyList<string> names, int max = 20)
    {
        ArgumentNullException.ThrowIfNull(names);
        var shown = string.Join(", ", names.Take(max).Select(Quote));
        return names.Count > max ? $"{shown} and {names.Count - max} more" : shown;
    }
}
