using System.Globalization;
using System.Text;

namespace Minimax.EndToEnd.Tests;

/// <summary>Byte-level mutations, overrides, deep nesting, alias bombs, garbage, degenerate, oversized and at-the-limit specs.</summary>
public sealed partial class HostileInputGenerator
{

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
}
