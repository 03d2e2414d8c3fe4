namespace Minimax.Contracts.Tests;

/// <summary>Run spec sources shared by the reader tests.</summary>
internal static class SpecYaml
{
    /// <summary>The spec from the foundation issue, section 6.</summary>
    public const string Issue = """
        name: spurious-groupdro
        seed: 0
        data:
          format: csv             # csv | parquet
          train: data/train.csv   # relative paths resolve against the spec's folder
          val: data/val.csv
          test: data/test.csv
          label: y
          group: g                # or: groups_by: [a]   (group = label x attributes)
        model: { kind: mlp, hidden: [256, 256] }
        objective:
          kind: group_dro         # erm | reweighted | group_dro
          step_size: 0.01
          generalization_adjustment: 0.0   # one value, or one per group
          normalize_loss: false
          balanced_sampling: false   # draw batches uniformly over groups (the reference --reweight_groups)
        training:
          workers: 2
          epochs: 20              # or steps
          batch_size: 128
          optimizer: { kind: sgd, lr: 0.01, momentum: 0.9, weight_decay: 0.0001 }
          eval_every: 50
          select_by: val_worst_group_accuracy   # | val_average_accuracy | final
        """;

    /// <summary>The smallest valid spec: only the required fields.</summary>
    public const string Minimal = """
        name: minimal
        data:
          train: train.csv
          val: val.csv
          test: test.csv
          label: y
          groups_by: [a]
        training:
          steps: 100
        """;
}
