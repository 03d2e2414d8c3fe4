using System.Globalization;
using System.Text;

namespace Minimax.EndToEnd.Tests;

/// <summary>Hostile CSV files.</summary>
public sealed partial class HostileInputGenerator
{

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
}
