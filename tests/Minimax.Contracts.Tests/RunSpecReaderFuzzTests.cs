using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Tests;

public sealed class RunSpecReaderFuzzTests
{
    private const string Alphabet = " \n\t:-[]{},#&*!|>'\"?%@`~=.0123456789aeEyz_\\";

    [Fact]
    public void Random_edits_of_a_valid_spec_either_read_or_throw_a_spec_exception()
    {
        var random = new Random(20240611);
        for (var trial = 0; trial < 3000; trial++)
        {
            var text = SpecYaml.Issue.ToCharArray().ToList();
            var edits = random.Next(1, 6);
            for (var e = 0; e < edits; e++)
            {
                var at = random.Next(text.Count);
                switch (random.Next(3))
                {
                    case 0:
                        text.RemoveAt(at);
                        break;
                    case 1:
                        text.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                        break;
                    default:
                        text[at] = Alphabet[random.Next(Alphabet.Length)];
                        break;
                }
            }

            var yaml = new string([.. text]);
            var error = Record.Exception(() => RunSpecReader.Read(yaml, [], "/specs"));

            Assert.True(error is null or SpecException, $"{error?.GetType().Name} for:\n{yaml}\n{error}");
        }
    }

    [Fact]
    public void Random_overrides_either_apply_or_throw_a_spec_exception()
    {
        var random = new Random(7);
        string[] paths = ["seed", "model.hidden", "training.optimizer", "training.optimizer.lr", "data", "objective.generalization_adjustment", "x.y.z"];
        string[] values = ["", "1", "-1", "[1, [2]]", "{a: 1}", "{", "]", "&a [*a]", "*b", "!!int x", "1e400", "\"s\"", "? a", "- a", "a: b"];
        for (var trial = 0; trial < 500; trial++)
        {
            var overrides = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => $"{paths[random.Next(paths.Length)]}={values[random.Next(values.Length)]}")
                .ToArray();

            var error = Record.Exception(() => RunSpecReader.Read(SpecYaml.Issue, overrides, "/specs"));

            Assert.True(error is null or SpecException, $"{error?.GetType().Name} for {string.Join(' ', overrides)}\n{error}");
        }
    }
}
