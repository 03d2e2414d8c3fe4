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
public sealed class HostileInputGenerator(int seed, HostileTemplate template)
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

    // ---- structured specs: a valid spec as a tree, then a few structural changes --------------------

    private HostileCase StructuredSpec()
    {
        var root = template.Tree();
        var changes = new List<string>();
        for (var i = _random.Next(1, 5); i > 0; i--)
        {
            changes.Add(Change(root));
        }

        var yaml = _random.Next(4) == 0 ? Flow(root) : Block(root, 0);
        return new HostileCase($"structured {string.Join("; ", changes)}", yaml, RandomOverrides(_random.Next(3) == 0 ? 1 : 0));
    }

    private string Change(List<KeyValuePair<string, object?>> root)
    {
        var path = Pick(_random.Next(3) == 0 ? template.SizePaths : template.Paths);
        switch (_random.Next(9))
        {
            case 0:
            case 1:
            case 2:
                Set(root, path, HostileScalarOrSize(path));
                return $"{path}={Short(Get(root, path) as string)}";
            case 3:
                Set(root, path + (_random.Next(2) == 0 ? "" : "_x"), null, unknownChild: true);
                return $"unknown field under {path}";
            case 4:
                Remove(root, path);
                return $"remove {path}";
            case 5:
                Set(root, path, new List<object?> { HostileScalar(), Size(), new List<KeyValuePair<string, object?>> { new("k", "v") } });
                return $"{path}=list";
            case 6:
                Set(root, path, new List<KeyValuePair<string, object?>> { new("kind", "mlp"), new(Pick(template.Paths).Split('.')[^1], HostileScalar()) });
                return $"{path}=mapping";
            case 7:
                Duplicate(root, path);
                return $"duplicate {path}";
            default:
                Set(root, path, Enumerable.Range(0, _random.Next(0, 6)).Select(_ => (object?)Size()).ToList());
                return $"{path}=size list";
        }
    }

    private static object? Get(List<KeyValuePair<string, object?>> root, string path)
    {
        object? node = root;
        foreach (var segment in path.Split('.'))
        {
            if (node is not List<KeyValuePair<string, object?>> mapping)
            {
                return null;
            }

            node = mapping.LastOrDefault(p => p.Key == segment).Value;
        }

        return node;
    }

    private static void Set(List<KeyValuePair<string, object?>> root, string path, object? value, bool unknownChild = false)
    {
        var segments = path.Split('.');
        if (unknownChild)
        {
            segments = [.. segments, "unknown_" + segments[^1]];
        }

        var mapping = root;
        foreach (var segment in segments[..^1])
        {
            var index = mapping.FindIndex(p => p.Key == segment);
            if (index >= 0 && mapping[index].Value is List<KeyValuePair<string, object?>> child)
            {
                mapping = child;
                continue;
            }

            var created = new List<KeyValuePair<string, object?>>();
            if (index >= 0)
            {
                mapping[index] = new(segment, created);
            }
            else
            {
                mapping.Add(new(segment, created));
            }

            mapping = created;
        }

        var last = mapping.FindIndex(p => p.Key == segments[^1]);
        if (last >= 0)
        {
            mapping[last] = new(segments[^1], value ?? "1");
        }
        else
        {
            mapping.Add(new(segments[^1], value ?? "1"));
        }
    }

    private static void Remove(List<KeyValuePair<string, object?>> root, string path)
    {
        var parent = path.Contains('.') ? Get(root, path[..path.LastIndexOf('.')]) : root;
        if (parent is List<KeyValuePair<string, object?>> mapping)
        {
            mapping.RemoveAll(p => p.Key == path.Split('.')[^1]);
        }
    }

    private void Duplicate(List<KeyValuePair<string, object?>> root, string path)
    {
        var parent = path.Contains('.') ? Get(root, path[..path.LastIndexOf('.')]) : root;
        if (parent is List<KeyValuePair<string, object?>> mapping)
        {
            mapping.Add(new(path.Split('.')[^1], HostileScalarOrSize(path)));
        }
    }

    private static string Block(object? node, int indent)
    {
        var pad = new string(' ', indent);
        var text = new StringBuilder();
        switch (node)
        {
            case List<KeyValuePair<string, object?>> mapping:
                foreach (var (key, value) in mapping)
                {
                    text.Append(pad).Append(key).Append(':');
                    if (value is List<KeyValuePair<string, object?>> { Count: > 0 } or List<object?> { Count: > 0 })
                    {
                        text.Append('\n').Append(Block(value, indent + 2));
                    }
                    else
                    {
                        text.Append(' ').Append(Flow(value)).Append('\n');
                    }
                }

                break;
            case List<object?> list:
                foreach (var item in list)
                {
                    text.Append(pad).Append("- ").Append(Flow(item)).Append('\n');
                }

                break;
            default:
                text.Append(pad).Append(Flow(node)).Append('\n');
                break;
        }

        return text.ToString();
    }

    private static string Flow(object? node) => node switch
    {
        null => "",
        string scalar => scalar.Contains('\n') ? $"\"{scalar.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")}\"" : scalar,
        List<KeyValuePair<string, object?>> mapping => "{" + string.Join(", ", mapping.Select(p => $"{p.Key}: {Flow(p.Value)}")) + "}",
        List<object?> list => "[" + string.Join(", ", list.Select(Flow)) + "]",
        _ => node.ToString() ?? "",
    };

    // ---- byte-level mutations of a valid spec ------------------------------------------------------

    private HostileCase MutatedSpec()
    {
        var text = new StringBuilder(template.Spec(_random.Next(1, 6), _random.Next(3)));
        var operations = _random.Next(1, 9);
        for (var i = 0; i < operations; i++)
        {
            var at = _random.Next(text.Length + 1);
            switch (_random.Next(7))
            {
                case 0 when at < text.Length:
                    text[at] = (char)(text[at] ^ (1 << _random.Next(8)));
                    break;
                case 1 when at < text.Length:
                    text.Remove(at, Math.Min(text.Length - at, _random.Next(1, 12)));
                    break;
                case 2:
                    text.Insert(at, (char)_random.Next(0, 0x3000));
                    break;
                case 3:
                    text.Insert(at, Pick(Tokens));
                    break;
                case 4:
                    text.Insert(at, Pick(HostileValues));
                    break;
                case 5:
                    var lines = text.ToString().Split('\n').ToList();
                    var line = _random.Next(lines.Count);
                    lines.Insert(_random.Next(lines.Count + 1), lines[line]);
                    text.Clear().Append(string.Join('\n', lines));
                    break;
                default:
                    var all = text.ToString().Split('\n').ToList();
                    var (x, y) = (_random.Next(all.Count), _random.Next(all.Count));
                    (all[x], all[y]) = (all[y], all[x]);
                    text.Clear().Append(string.Join('\n', all));
                    break;
            }
        }

        return new HostileCase("mutated", text.ToString(), RandomOverrides(_random.Next(4) == 0 ? 1 : 0));
    }

    // ---- overrides ---------------------------------------------------------------------------------

    private HostileCase OverridesOnly() =>
        new("overrides", template.Spec(3), RandomOverrides(_random.Next(1, 5)));

    private List<string> RandomOverrides(int count)
    {
        var overrides = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var path = Pick(_random.Next(3) == 0 ? template.SizePaths : template.Paths);
            overrides.Add(_random.Next(12) switch
            {
                0 => Pick(["", "=", "=5", "noequals", "a..b=1", ".a=1", "a.=1", "training.steps.x=1", "name.first=x", "tr aining=1", "träining=1",
                    "training[0]=1", "__proto__=1", "training.optimizer.=1", new string('a', 5000) + "=1", string.Join('.', Enumerable.Repeat("a", 2000)) + "=1"]),
                1 => $"{path}={new string('[', _random.Next(30, 5000))}",
                2 => $"{path}={string.Concat(Enumerable.Repeat("{a: ", _random.Next(30, 3000)))}1",
                3 => $"{path}=a\n---\nb",
                4 => $"{path}=[1, 2",
                5 => $"{path}=&a [*a]",
                6 => $"{path}={{kind: adamw, lr: {HostileScalar()}}}",
                7 => $"{path}={Garble(_random.Next(1, 64))}",
                _ => $"{path}={HostileScalarOrSize(path)}",
            });
        }

        return overrides;
    }

    // ---- deep nesting, alias bombs, garbage, degenerate and oversized specs -------------------------

    private HostileCase Nesting()
    {
        var depth = _random.Next(4) == 0 ? _random.Next(20, 40) : _random.Next(33, 20000);
        var prefix = template.Spec(2) + "\n";
        return _random.Next(7) switch
        {
            0 => new($"nested [ x{depth}", new string('[', depth) + new string(']', depth), []),
            1 => new($"nested [ unclosed x{depth}", new string('[', depth), []),
            2 => new($"nested {{ x{depth}", string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth), []),
            3 => new($"nested block x{depth}", string.Concat(Enumerable.Range(0, Math.Min(depth, 3000)).Select(i => new string(' ', i) + "a:\n")) + new string(' ', Math.Min(depth, 3000)) + "1\n", []),
            4 => new($"nested - x{depth}", string.Concat(Enumerable.Repeat("- ", depth)) + "1\n", []),
            5 => new($"nested in model.hidden x{depth}", prefix.Replace("hidden: [8]", "hidden: " + new string('[', depth) + "8" + new string(']', depth)), []),
            _ => new($"nested mixed x{depth}", "training: " + string.Concat(Enumerable.Range(0, depth).Select(i => i % 2 == 0 ? "[" : "{k: ")) , []),
        };
    }

    private HostileCase AliasBomb()
    {
        var levels = _random.Next(3, 12);
        var width = _random.Next(2, 12);
        var text = new StringBuilder(template.Spec(2).Replace("name: hostile-base\n", ""));
        var target = Pick(["name", "model.hidden", "data.features", "objective.generalization_adjustment", "seed", "unknown"]);
        var bomb = new StringBuilder("&l0 [\"lol\"");
        var anchors = new StringBuilder();
        for (var level = 1; level <= levels; level++)
        {
            anchors.Append(CultureInfo.InvariantCulture, $"x{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", width))}]\n");
        }

        var yaml = _random.Next(3) switch
        {
            // Anchors under an unknown key first (rejected), or defined in place inside a known field.
            0 => $"lol: &l0 [\"lol\"]\n{anchors}name: *l{levels}\n{text}",
            1 => $"name: fuzz\n{text.ToString().Replace("hidden: [8]", $"hidden: &l0 [8]").Replace("eval_every: 2", $"eval_every: 2\n{Indent(anchors.ToString().Replace("x", "zz"))}")}",
            _ => $"name: &self [*self]\n{text}",
        };
        return new HostileCase($"alias bomb {levels}x{width} -> {target}", yaml,
            _random.Next(2) == 0 ? [] : [$"{(target == "unknown" ? "name" : target)}=*l{levels}", $"model.hidden=&x [*x, *x]"]);
    }

    private static string Indent(string text) => string.Concat(text.Split('\n').Where(l => l.Length > 0).Select(l => "  " + l + "\n"));

    private HostileCase Garbage()
    {
        var length = _random.Next(1, 4096);
        switch (_random.Next(4))
        {
            case 0:
                return new HostileCase("garbage chars", Garble(length), []);
            case 1:
            {
                var bytes = new byte[length];
                _random.NextBytes(bytes);
                return new HostileCase("raw bytes", "", [], RawYaml: bytes);
            }

            case 2:
            {
                // A valid spec with invalid UTF-8 sequences spliced in (lone continuation bytes, overlongs, surrogates as UTF-8).
                var bytes = Encoding.UTF8.GetBytes(template.Spec(2)).ToList();
                byte[][] bad = [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xFF, 0xFE], [0xE2, 0x82], [0x00]];
                for (var i = _random.Next(1, 6); i > 0; i--)
                {
                    bytes.InsertRange(_random.Next(bytes.Count + 1), Pick(bad));
                }

                return new HostileCase("invalid utf-8 in spec", "", [], RawYaml: bytes.ToArray(),
                    RawOverrides: _random.Next(2) == 0 ? [[.. "training.steps="u8, 0xC3, 0x28]] : null);
            }

            default:
                return new HostileCase("garbage in valid spec", template.Spec(2).Insert(_random.Next(50, 200), Garble(_random.Next(1, 200))), []);
        }
    }

    private HostileCase Degenerate() => _random.Next(16) switch
    {
        0 => new("empty", "", []),
        1 => new("whitespace", " \n\t\n ", []),
        2 => new("document marker", "---", []),
        3 => new("null document", "~", []),
        4 => new("comment only", "# nothing here\n", []),
        5 => new("top-level list", "- name: x\n- seed: 1\n", []),
        6 => new("top-level scalar", "hello", []),
        7 => new("two documents", template.Spec(2) + "\n---\n" + template.Spec(2), []),
        8 => new("directives", "%YAML 1.1\n%TAG ! tag:x,2000:\n---\n" + template.Spec(2), []),
        9 => new("complex key", "? [a, b]\n: 1\n" + template.Spec(2), []),
        10 => new("merge key", template.Spec(2).Replace("training:\n", "defaults: &d {steps: 2}\ntraining:\n  <<: *d\n"), []),
        11 => new("only overrides", "", ["name=x", "data.train=train.csv"]),
        12 => new("bom and crlf", "\uFEFF" + template.Spec(2).Replace("\n", "\r\n"), []),
        13 => new("tabs", template.Spec(2).Replace("  ", "\t"), []),
        14 => new("name too long", template.Spec(2).Replace("hostile-base", new string('n', 201)), []),
        _ => new("every field null", "name:\nseed:\ndata:\nmodel:\nobjective:\ntraining:\n", []),
    };

    private HostileCase Oversized() => _random.Next(5) switch
    {
        0 => new("just over 1 MiB", template.Spec(2) + "#" + new string('x', (1 << 20) + 1), []),
        1 => new("1 MiB of multi-byte characters", template.Spec(2) + "#" + new string('\u00e9', 600_000), []),
        2 => new("5 MiB", template.Spec(2) + "#" + new string('x', 5 << 20), []),
        3 => new("huge key", new string('k', 900_000) + ": 1\n" + template.Spec(2), []),
        _ => new("many overrides", template.Spec(2), Enumerable.Range(0, 5000).Select(i => $"name=n{i}").ToList()),
    };

    // The defaults of Limits:MaxSpecBytes (the spec and its overrides together) and Limits:MaxOverrides, at and one past each.
    private HostileCase AtTheLimits()
    {
        var spec = template.Spec(2);
        var room = (1 << 20) - System.Text.Encoding.UTF8.GetByteCount(spec) - "name=".Length;
        var limit = new Minimax.Silo.Hosting.RunLimits().MaxOverrides;
        return _random.Next(6) switch
        {
            // A comment in the value: the spec is valid and the whole limit is used.
            0 => new("limits: one override fills the spec size", spec, ["name=fits # " + new string('n', room - 20)]),
            1 => new("limits: one override one byte past the spec size", spec, ["name=" + new string('n', room + 1)]),
            2 => new("limits: overrides together past the spec size", spec, Enumerable.Range(0, 50).Select(_ => "name=" + new string('n', room / 40)).ToList()),
            3 => new("limits: multi-byte override past the spec size", spec, ["name=" + new string('\u00e9', room / 2 + 1)]),
            4 => new("limits: overrides at the count", spec, Enumerable.Repeat("seed=4", limit).ToList()),
            _ => new("limits: one override past the count", spec, Enumerable.Repeat("seed=4", limit + 1).ToList()),
        };
    }

    // ---- CSV files ----------------------------------------------------------------------------------

    private HostileCase HostileCsv()
    {
        var split = Pick(["train.csv", "val.csv", "test.csv"]);
        var files = new Dictionary<string, byte[]>
        {
            ["train.csv"] = Encoding.UTF8.GetBytes(HostileInputSilo.ValidCsv(_random, 48)),
            ["val.csv"] = Encoding.UTF8.GetBytes(HostileInputSilo.ValidCsv(_random, 24)),
            ["test.csv"] = Encoding.UTF8.GetBytes(HostileInputSilo.ValidCsv(_random, 24)),
        };
        var valid = HostileInputSilo.ValidCsv(_random, split == "train.csv" ? 48 : 24);
        var lines = valid.TrimEnd('\n').Split('\n').ToList();
        var spec = HostileInputSilo.ValidSpec(steps: _random.Next(1, 4));
        if (_random.Next(3) == 0)
        {
            // The group column instead of attributes, so group ids themselves are read.
            spec = spec.Replace("groups_by: [a]", "group: g");
        }

        if (_random.Next(4) == 0)
        {
            // Features default to every other column, so every cell is read.
            spec = spec.Replace("  features: [f0, f1, f2]\n", "");
        }

        string kind;
        byte[] content;
        switch (_random.Next(16))
        {
            case 0:
                (kind, content) = ("empty", []);
                break;
            case 1:
                (kind, content) = ("header only", Encoding.UTF8.GetBytes(lines[0] + (_random.Next(2) == 0 ? "\n" : "")));
                break;
            case 2:
            {
                var bytes = new byte[_random.Next(1, 20000)];
                _random.NextBytes(bytes);
                (kind, content) = ("binary garbage", bytes);
                break;
            }

            case 3:
                (kind, content) = ("garbage after header", [.. Encoding.UTF8.GetBytes(lines[0] + "\n"), .. RandomBytes(_random.Next(1, 5000))]);
                break;
            case 4:
            {
                var row = _random.Next(1, lines.Count);
                lines[row] = _random.Next(2) == 0 ? lines[row] + ",7" : lines[row][..lines[row].LastIndexOf(',')];
                (kind, content) = ("ragged row", Encoding.UTF8.GetBytes(string.Join('\n', lines)));
                break;
            }

            case 5:
            case 6:
            {
                var value = Pick(["NaN", "nan", "Infinity", "-Infinity", "inf", "1e308", "-1e308", "1e400", "1e39", "-1e39", "99999999999999999999",
                    "abc", "", " ", "\"\"", "\"1\"", "\"unclosed", "0x10", "1,5", "١", "\0", "1e-400", "--1", "\"a\"\"b\"", "\"1\"x"]);
                var row = _random.Next(1, lines.Count);
                var cells = lines[row].Split(',');
                var column = _random.Next(cells.Length);
                cells[column] = value;
                lines[row] = string.Join(',', cells);
                (kind, content) = ($"cell {column}='{value}'", Encoding.UTF8.GetBytes(string.Join('\n', lines)));
                break;
            }

            case 7:
            case 8:
            {
                // Out-of-range labels and groups: negative, fractional, beyond the training range, enormous.
                var value = Pick(["-1", "0.5", "2", "3", "4", "7", "100", "65536", "1000000", "2000000000", "2147483647", "2147483648", "1e10", "-2147483649"]);
                var column = Pick([0, 1, 2]);
                var row = _random.Next(1, lines.Count);
                var cells = lines[row].Split(',');
                cells[column] = value;
                lines[row] = string.Join(',', cells);
                (kind, content) = ($"{"yag"[column]}={value}", Encoding.UTF8.GetBytes(string.Join('\n', lines)));
                break;
            }

            case 9:
            {
                // A group only in val or test: attribute a=2 (or g=4) never seen in train.
                var row = _random.Next(1, lines.Count);
                var cells = lines[row].Split(',');
                cells[1] = "2";
                cells[2] = "4";
                lines[row] = string.Join(',', cells);
                split = split == "train.csv" ? "test.csv" : split;
                (kind, content) = ("group only outside train", Encoding.UTF8.GetBytes(string.Join('\n', lines)));
                break;
            }

            case 10:
            {
                var row = _random.Next(0, lines.Count);
                lines[row] += "," + new string('9', _random.Next(100_000, 2_000_000));
                (kind, content) = ("very long line", Encoding.UTF8.GetBytes(string.Join('\n', lines)));
                break;
            }

            case 11:
            {
                // Many columns: a wide header and rows to match.
                var extra = _random.Next(500, 4000);
                var header = lines[0] + string.Concat(Enumerable.Range(0, extra).Select(i => $",x{i}"));
                var padding = string.Concat(Enumerable.Repeat(",0", extra));
                (kind, content) = ($"{extra} extra columns", Encoding.UTF8.GetBytes(string.Join('\n', [header, .. lines.Skip(1).Select(l => l + padding)])));
                break;
            }

            case 12:
                (kind, content) = ("duplicate header", Encoding.UTF8.GetBytes(string.Join('\n', [lines[0] + ",f0", .. lines.Skip(1).Select(l => l + ",1")])));
                break;
            case 13:
                (kind, content) = ("single class", Encoding.UTF8.GetBytes(string.Join('\n', lines.Select((l, i) => i == 0 ? l : "0" + l[1..]))));
                split = "train.csv";
                break;
            case 14:
                (kind, content) = ("bom, crlf, quotes", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines.Select(l => string.Join(',', l.Split(',').Select(c => $"\"{c}\"")))))]);
                break;
            default:
                (kind, content) = ("invalid utf-8", [.. Encoding.UTF8.GetBytes(lines[0] + "\n"), 0xC3, 0x28, 0x2C, 0xFF, 0x0A, .. Encoding.UTF8.GetBytes(string.Join('\n', lines.Skip(1)))]);
                break;
        }

        files[split] = content;
        return new HostileCase($"csv {split}: {kind}", spec, [], files);
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
