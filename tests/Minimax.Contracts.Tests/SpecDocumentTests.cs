using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Tests;

/// <summary>A spec parsed once (issue 9, item 5): its kind and its kind's reader share one document.</summary>
public sealed class SpecDocumentTests
{
    [Fact]
    public void One_parsed_document_gives_the_kind_and_the_same_spec_as_reading_the_text()
    {
        string[] overrides = ["training.steps=7", "model.hidden=[4, 2]"];
        var document = SpecDocument.Parse(SpecYaml.Minimal, overrides);

        Assert.Equal(SpecKind.Train, document.Kind);
        var fromDocument = RunSpecReader.Read(document, "/specs");
        var fromText = RunSpecReader.Read(SpecYaml.Minimal, overrides, "/specs");

        Assert.Equal(7, fromDocument.Training.Steps);
        Assert.Equal([4, 2], fromDocument.Model.Hidden);
        Assert.Equal(fromText.Training, fromDocument.Training);
        Assert.Equal(fromText.Data.Train, fromDocument.Data.Train);
    }

    [Fact]
    public void Binding_leaves_the_document_as_parsed()
    {
        var document = SpecDocument.Parse(SpecYaml.Minimal);

        var first = RunSpecReader.Read(document, "/specs");
        var second = RunSpecReader.Read(document, "/other");

        Assert.Equal(first.Training, second.Training);
        Assert.Equal("/other/train.csv", second.Data.Train);
    }

    [Fact]
    public void A_kind_override_wins_and_the_other_readers_refuse_the_document()
    {
        var document = SpecDocument.Parse(SpecYaml.Minimal, ["kind=evaluation"]);

        Assert.Equal(SpecKind.Evaluation, document.Kind);
        var error = Assert.Throws<SpecException>(() => RunSpecReader.Read(document, "/specs"));
        Assert.Equal("kind", error.Field);
    }

    [Fact]
    public void An_alias_before_its_anchor_is_invalid_yaml_with_its_line()
    {
        // YAML defines an alias by the anchor before it; the representation model used to look ahead.
        var error = Assert.Throws<SpecException>(() => SpecDocument.Parse("name: *later\nseed: &later 1\n"));

        Assert.Equal("spec", error.Field);
        Assert.Equal("invalid YAML at line 1, column 7: the alias *later names no anchor defined before it", error.Reason);
    }

    [Fact]
    public void An_alias_names_the_latest_anchor_of_its_name()
    {
        const string yaml = """
            name: anchors
            data: { train: train.csv, val: val.csv, test: test.csv, label: y, groups_by: [a] }
            training:
              steps: &n 5
              eval_every: &n 2
              checkpoint_every: *n
            """;

        var spec = RunSpecReader.Read(yaml, [], "/specs");

        Assert.Equal(2, spec.Training.CheckpointEvery);
    }
}
