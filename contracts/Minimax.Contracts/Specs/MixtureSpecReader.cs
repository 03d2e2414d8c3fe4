namespace Minimax.Contracts.Specs;

/// <summary>
/// Reads a <c>kind: doremi</c> mixture job spec (docs/run-spec.md) plus <c>--set</c> overrides into a
/// validated <see cref="MixtureSpec"/>; every problem is a <see cref="SpecException"/> naming the field.
/// </summary>
public static class MixtureSpecReader
{
    public const int MaxRounds = 20;

    public static MixtureSpec Read(string yaml, IEnumerable<string> overrides, string specDirectory) =>
        Read(SpecDocument.Parse(yaml, overrides), specDirectory);

    public static MixtureSpec Read(SpecDocument document, string specDirectory) =>
        document.Bind(root => Bind(root, specDirectory ?? ""));

    private static MixtureSpec Bind(SpecNode root, string specDirectory)
    {
        RunSpecReader.RequireKind(root, SpecKind.DoReMi, "a mixture job needs kind: doremi (submit training runs with Runs.SubmitRun)");

        var fields = root.Fields("kind", "name", "seed", "data", "model", "doremi", "training");

        var dataNode = RunSpecReader.Required(fields, "data", "data");
        var data = RunSpecReader.BindData(dataNode, specDirectory);
        if (!data.IsText)
        {
            throw new SpecException("data.format", "a mixture job needs a text corpus: text_folders or jsonl");
        }

        if (dataNode.Fields(RunSpecReader.DataFields).ContainsKey("mixture"))
        {
            throw new SpecException("data.mixture", "the stages choose their mixtures; set doremi.reference_weights instead");
        }

        var modelNode = fields.GetValueOrDefault("model");
        var model = modelNode is null ? new ModelSpec { Kind = ModelKind.Transformer } : RunSpecReader.BindModel(modelNode);
        return new MixtureSpec
        {
            Name = RunSpecReader.BindName(fields),
            Seed = RunSpecReader.BindSeed(fields),
            Data = data,
            Model = RunSpecReader.CheckModelFitsData(model, data),
            DoReMi = fields.TryGetValue("doremi", out var doremi) ? BindDoReMi(doremi) : new DoReMiSpec(),
            Training = TrainingBinder.Bind(RunSpecReader.Required(fields, "training", "training"), languageModel: true),
        };
    }

    private static DoReMiSpec BindDoReMi(SpecNode node)
    {
        var fields = node.Fields("reference_weights", "step_size", "smoothing", "rounds", "main");
        var spec = new DoReMiSpec();
        return spec with
        {
            ReferenceWeights = fields.TryGetValue("reference_weights", out var weights) ? TextDataBinder.DomainWeights(weights) : spec.ReferenceWeights,
            StepSize = fields.TryGetValue("step_size", out var stepSize) ? stepSize.Double(0, minExclusive: true) : spec.StepSize,
            Smoothing = fields.TryGetValue("smoothing", out var smoothing) ? smoothing.Double(0, max: 1, maxExclusive: true) : spec.Smoothing,
            Rounds = fields.TryGetValue("rounds", out var rounds) ? rounds.Int(1, MaxRounds) : spec.Rounds,
            Main = fields.TryGetValue("main", out var main) ? main.Bool() : spec.Main,
        };
    }
}
