namespace Minimax.Contracts.Specs;

/// <summary>
/// Reads a run spec (docs/run-spec.md) from YAML plus <c>--set path=value</c> overrides into a
/// validated <see cref="RunSpec"/>. Every problem with the input is a <see cref="SpecException"/>
/// naming the field; the reader does not touch the data files.
/// </summary>
public static class RunSpecReader
{
    public const int MaxSpecLength = 1 << 20;
    public const int MaxWorkers = 64;
    // Bounds that keep step counts and batch buffers far from overflow and from absurd allocations.
    public const int MaxBatchSize = 1 << 20;
    public const int MaxSteps = 100_000_000;
    public const int MaxEpochs = 100_000;
    public const int MaxLayerWidth = 1 << 16;
    public const int MaxNameLength = 200;
    public const int MaxLayers = 64;
    public const int MaxHeads = 64;
    public const int MaxContext = 4096;

    public static RunSpec Read(string yaml, IEnumerable<string> overrides, string specDirectory) =>
        Read(SpecDocument.Parse(yaml, overrides), specDirectory);

    public static RunSpec Read(SpecDocument document, string specDirectory) =>
        document.Bind(root => Bind(root, specDirectory ?? ""));

    /// <summary>The spec's top-level kind (train when absent, a <c>--set kind=...</c> override wins), without validating the rest.</summary>
    public static SpecKind KindOf(string yaml, IEnumerable<string>? overrides = null) =>
        SpecDocument.Parse(yaml, overrides).Kind;

    // Every kind's top-level fields, so that the kind can be read before the rest is validated.
    private static readonly string[] AllTopLevelFields =
        ["kind", "name", "seed", "data", "model", "objective", "training", "doremi", "models", "compare", "common_counter", "abstention", "base", "grid", "select", "parallel", "early_stop"];

    /// <summary>
    /// Checks a job spec's kind before its own fields, which another kind's reader would report as unknown;
    /// a missing or other kind is a <see cref="SpecException"/> naming <c>kind</c>.
    /// </summary>
    internal static void RequireKind(SpecNode root, SpecKind expected, string reason)
    {
        var kind = Required(root.Fields(AllTopLevelFields), "kind", "kind");
        if (kind.Enum<SpecKind>() != expected)
        {
            throw kind.Error(reason);
        }
    }

    private static RunSpec Bind(SpecNode root, string specDirectory)
    {
        // The kind first: another kind's own fields would otherwise be reported as unknown.
        if (root.Fields(AllTopLevelFields).TryGetValue("kind", out var kind) && kind.Enum<SpecKind>() is var other and not SpecKind.Train)
        {
            var job = other switch { SpecKind.DoReMi => "a mixture job", SpecKind.Evaluation => "an evaluation job", _ => "a sweep job" };
            throw kind.Error($"a {SpecNames.Of(other)} spec is {job}, not a training run: submit it with Jobs.SubmitJob (minimax run does)");
        }

        var fields = root.Fields("kind", "name", "seed", "data", "model", "objective", "training");

        var data = BindData(Required(fields, "data", "data"), specDirectory);
        var model = fields.TryGetValue("model", out var modelNode) ? BindModel(modelNode) : new ModelSpec();
        var objective = fields.TryGetValue("objective", out var objectiveNode) ? ObjectiveBinder.Bind(objectiveNode) : new ObjectiveSpec();

        var training = Required(fields, "training", "training");
        return new RunSpec
        {
            Name = BindName(fields),
            Seed = BindSeed(fields),
            Data = data,
            Model = CheckModelFitsData(model, data),
            Objective = objective,
            Training = TrainingBinder.Bind(training, data.IsText),
        };
    }

    internal static string BindName(IReadOnlyDictionary<string, SpecNode> fields) => BindName(Required(fields, "name", "name"));

    /// <summary>A run, job or model name: not empty, at most <see cref="MaxNameLength"/> characters, no control characters.</summary>
    internal static string BindName(SpecNode node)
    {
        var name = node.String();
        return name.Length <= MaxNameLength
            ? name.Trim()
            : throw node.Error($"must be at most {MaxNameLength} characters");
    }

    internal static int BindSeed(IReadOnlyDictionary<string, SpecNode> fields) =>
        fields.TryGetValue("seed", out var seed) ? seed.Int(0) : 0;

    internal static ModelSpec CheckModelFitsData(ModelSpec model, DataSpec data)
    {
        if (data.IsText && model.Kind != ModelKind.Transformer)
        {
            throw new SpecException("model.kind", "a text corpus trains a language model: set model.kind: transformer");
        }

        if (!data.IsText && model.Kind == ModelKind.Transformer)
        {
            throw new SpecException("model.kind", "transformer needs a text corpus (data.format text_folders or jsonl)");
        }

        return model;
    }

    internal static DataSpec BindData(SpecNode node, string specDirectory, DataUse use = DataUse.Training) =>
        node.Fields(DataFields).TryGetValue("format", out var format) && format.Enum<DataFormat>() is DataFormat.TextFolders or DataFormat.Jsonl
            ? TextDataBinder.Bind(node, specDirectory)
            : TabularDataBinder.Bind(node, specDirectory, use);

    internal static readonly string[] DataFields =
        ["format", "train", "val", "test", "label", "group", "groups_by", "features", "standardize", "id", "heldout", "heldout_fraction", "text_field", "domain_field", "tokenizer", "mixture"];

    internal static ModelSpec BindModel(SpecNode node)
    {
        var fields = node.Fields("kind", "hidden", "activation", "dropout", "layers", "heads", "width", "ff", "context");
        var spec = new ModelSpec();
        var model = spec with
        {
            Kind = fields.TryGetValue("kind", out var kind) ? kind.Enum<ModelKind>() : spec.Kind,
            Hidden = fields.TryGetValue("hidden", out var hidden)
                ? hidden.Items(allowScalar: true).Select(w => w.Int(1, MaxLayerWidth)).ToList()
                : spec.Hidden,
            Activation = fields.TryGetValue("activation", out var activation) ? activation.Enum<Activation>() : spec.Activation,
            Dropout = fields.TryGetValue("dropout", out var dropout) ? dropout.Double(0, max: 1, maxExclusive: true) : spec.Dropout,
            Layers = fields.TryGetValue("layers", out var layers) ? layers.Int(1, MaxLayers) : spec.Layers,
            Heads = fields.TryGetValue("heads", out var heads) ? heads.Int(1, MaxHeads) : spec.Heads,
            Width = fields.TryGetValue("width", out var width) ? width.Int(1, MaxLayerWidth) : spec.Width,
            Ff = fields.TryGetValue("ff", out var ff) ? ff.Int(1, MaxLayerWidth) : spec.Ff,
            Context = fields.TryGetValue("context", out var context) ? context.Int(1, MaxContext) : spec.Context,
        };
        if (model.Kind == ModelKind.Transformer && model.Width % model.Heads != 0)
        {
            throw new SpecException(fields.ContainsKey("width") ? "model.width" : "model.heads", $"width {model.Width} must be a multiple of heads {model.Heads}");
        }

        return model;
    }

    internal static SpecNode Required(IReadOnlyDictionary<string, SpecNode> fields, string key, string path) =>
        fields.TryGetValue(key, out var node) ? node : throw new SpecException(path, "is required");

    internal static string ResolvePath(SpecNode node, string specDirectory)
    {
        var path = node.String();
        try
        {
            return Path.IsPathRooted(path)
                ? Path.GetFullPath(path)
                : Path.GetFullPath(path, Path.GetFullPath(specDirectory.Length == 0 ? "." : specDirectory));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw node.Error($"is not a valid path ({e.Message})");
        }
    }
}
