using System.Globalization;
using System.Text;

namespace Minimax.EndToEnd.Tests;

/// <summary>One hostile input: a spec (text, or raw bytes that need not be UTF-8), overrides, and CSV files to write first.</summary>
public sealed record HostileCase(
    string Name,
    string Yaml,
    IReadOnlyList<string> Overrides,
    IReadOnlyDictionary<string, byte[]>? Files = null,
    byte[]? RawYaml = null,
    IReadOnlyList<byte[]>? RawOverrides = null)
{
    public override string ToString()
    {
        var yaml = RawYaml is { } raw ? $"<{raw.Length} raw bytes>" : Yaml.Length > 300 ? $"{Yaml[..300]}...<{Yaml.Length} chars>" : Yaml;
        var overrides = string.Join(" | ", Overrides.Select(o => o.Length > 120 ? $"{o[..120]}...<{o.Length} chars>" : o));
        var files = Files is null ? "" : $" files: {string.Join(", ", Files.Select(f => $"{f.Key} ({f.Value.Length} bytes)"))}";
        return $"[{Name}] overrides: {overrides}{files}\n{yaml}";
    }
}

/// <summary>
/// Generates hostile specs, overrides and CSV files from one seeded <see cref="Random"/>: hostile values in
/// every field, wrong shapes, unknown and duplicate keys, deep nesting, alias bombs, binary garbage,
/// oversized input, inputs at and over the spec limits, and byte-level mutations of a valid spec of the
/// template's kind.
/// </summary>
public sealed partial class HostileInputGenerator(int seed, HostileTemplate template)
{
    // Hostile scalars: huge, NaN and infinities, zero and negative sizes, bounds and one past them, wrong types, odd YAML.
    private static readonly string[] HostileValues =
    [
        "1e308", "-1e308", "1e309", "-1e309", "99999999999999999999", "-99999999999999999999", "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
        ".nan", ".NaN", "NaN", "nan", ".inf", "-.inf", "+.inf", ".Inf", "inf", "Infinity", "-Infinity",
        "0", "-0", "-1", "-2147483648", "-9223372036854775808", "1", "2", "64", "65", "65536", "65537", "2147483647", "2147483648",
        "4294967296", "9223372036854775807", "9223372036854775808", "0.5", "-0.0", "1e-320", "4.9e-324", "0.9999999999999999", "1.0", "1e3",
        "0x10", "0o17", "0b101", "1_000", "+5", "1,000", "5.", ".5", "1e", "--1", "١٢", "５",
        "true", "false", "yes", "no", "on", "True", "null", "~", "", "\"5\"", "'0.1'", "\"\"", "\" \"", "\"\\0\"", "\"a\\u0000b\"", "\"\\x07\"",
        "[]", "{}", "[1, 2]", "[[1]]", "{a: 1}", "{kind: adamw}", "[null]", "[1, .nan]", "[-1, 0]", "[65536, 65536]", "[65536, 65536, 65536]",
        "!!binary aGVsbG8=", "!!int 5", "!!float .nan", "!!str 5", "!!map {}", "!!seq []", "!custom x", "!!null ''", "&anchor 5", "*undefined",
        "mlp", "relu", "adamw", "erm", "group_dro", "final", "csv", "parquet", "MLP", "GROUP_DRO", "y", "a", "g", "f0",
        "train.csv", "../train.csv", "/etc/passwd", "/", ".", "train.csv\0", "nul\u0000l", "ü", "\U0001F600", "\u202Etxt.csv", "a\tb", "\"line\\nbreak\"",
        "|\n  block", ">\n  folded",
    ];

    private static readonly string[] Tokens =
    [
        ":", ": ", "-", "- ", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "!!binary ", "\t", "\"", "'", "#", "\n", "  ", "? ", "|", ">", "%", "@", "`",
        "---\n", "...\n", "\0", "\uFFFF", "\uD800", "\r", "\u2028", "<<: ", "~", "null", ".nan", "-1", "99999999999999999999", "1e308",
    ];

    private readonly Random _random = new(seed);
    private int _count;

    /// <summary>The next case. CSV cases get their own folder: the caller writes <see cref="HostileCase.Files"/> there.</summary>
    public HostileCase Next()
    {
        _count++;
        return _random.Next(100) switch
        {
            < 30 => StructuredSpec(),
            < 55 => MutatedSpec(),
            < 68 => OverridesOnly(),
            < 74 => Nesting(),
            < 78 => AliasBomb(),
            < 83 => Garbage(),
            < 86 => Degenerate(),
            < 87 => Oversized(),
            < 89 => AtTheLimits(),
            _ => template.Csv ? HostileCsv() : StructuredSpec(),
        };
    }

    // ---- values ------------------------------------------------------------------------------------

    private string HostileScalarOrSize(string path) =>
        template.SizePaths.Contains(path) && _random.Next(2) == 0 ? Size() : HostileScalar();

    private string HostileScalar() => _random.Next(10) switch
    {
        0 => new string('9', _random.Next(20, 5000)),
        1 => "\"" + new string('s', _random.Next(100, 20000)) + "\"",
        _ => Pick(HostileValues),
    };

    private string Size() => Pick(["0", "-1", "-5", "1", "2", "3", "63", "64", "65", "65536", "65537", "2147483647", "2147483648", "1e308", "99999999999999999999", "-99999999999999999999", ".nan", ".inf", "1.5", "[3]"]);

    private string Garble(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(_random.Next(4) switch
            {
                0 => (char)_random.Next(0, 32),
                1 => (char)_random.Next(0xD800, 0xE000),
                2 => (char)_random.Next(0x80, 0xFFFF),
                _ => (char)_random.Next(32, 127),
            });
        }

        return text.ToString();
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static string Short(string? text) => text is null ? "" : text.Length > 40 ? text[..40] + "..." : text;
}
