using RecSharp.Torch;
using RecSharp.Torch.Faiss;
using RecSharp.Torch.NN;

namespace RecSharp.Retrieval;

/// <summary>Which Faiss index a <see cref="FaissRetriever"/> builds over the item table.</summary>
public enum FaissIndexType
{
    /// <summary>Exact search (IndexFlatIP): the default up to ~1M items.</summary>
    Flat,
    /// <summary>Inverted lists (IndexIVFFlat): approximate, trained on the items; set NList and NProbe.</summary>
    IvfFlat,
    /// <summary>Graph (IndexHNSWFlat): approximate; only reliable on L2-normalised vectors (cosine).</summary>
    Hnsw,
}

/// <summary>Parameters of the Faiss index a <see cref="FaissRetriever"/> builds.</summary>
public sealed record FaissRetrieverOptions
{
    public FaissIndexType Type { get; init; } = FaissIndexType.Flat;
    public SimilarityMetric Metric { get; init; } = SimilarityMetric.InnerProduct;
    /// <summary>Row that is never returned (0 = RecSharp's padding item; null = none).</summary>
    public int? PaddingItem { get; init; } = 0;
    /// <summary>IVF: inverted lists (default about 4 sqrt(items)).</summary>
    public long? NList { get; init; }
    /// <summary>IVF: lists probed per query.</summary>
    public long NProbe { get; init; } = 8;
    public int HnswM { get; init; } = 32;
    public int HnswEfConstruction { get; init; } = 40;
    public int HnswEfSearch { get; init; } = 64;
}

/// <summary>
/// <see cref="IRetriever"/> over a Faiss index, so evaluators and serving code switch between exact engine top-K
/// and Faiss without change. Faiss cannot mask items, so each query asks for k plus as many items as it may
/// have to drop (its excluded items and the padding row) and filters them out afterwards.
/// </summary>
public sealed class FaissRetriever : IRetriever, IDisposable
{
    private readonly VectorIndex index;
    private readonly int? paddingItem;

    private FaissRetriever(VectorIndex index, int itemCount, SimilarityMetric metric, int? paddingItem)
    {
        this.index = index;
        this.paddingItem = paddingItem;
        ItemCount = itemCount;
        Metric = metric;
    }

    public int ItemCount { get; }
    public int Dimension => index.Dimension;
    public SimilarityMetric Metric { get; }

    /// <summary>The underlying index (e.g. to write it to a file or tune NProbe/EfSearch).</summary>
    public VectorIndex Index => index;

    /// <summary>Builds the index over <paramref name="itemTable"/> [items, d] (row = item id); cosine normalises the rows first.</summary>
    public static FaissRetriever Build(Tensor itemTable, FaissRetrieverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(itemTable);
        options ??= new FaissRetrieverOptions();
        if (itemTable.Dim != 2) throw new ArgumentException($"the item table must be [items, dim], got [{string.Join(", ", itemTable.Shape)}]", nameof(itemTable));
        int items = checked((int)itemTable.Shape[0]);
        int dim = checked((int)itemTable.Shape[1]);
        using var scope = torch.NewDisposeScope();
        var rows = Prepare(itemTable, options.Metric);
        VectorIndex index = options.Type switch
        {
            FaissIndexType.Flat => new FlatIndex(dim, Torch.Faiss.Metric.InnerProduct),
            FaissIndexType.IvfFlat => new IvfFlatIndex(dim, options.NList ?? Math.Max(1, (long)(4 * Math.Sqrt(items))), Torch.Faiss.Metric.InnerProduct),
            FaissIndexType.Hnsw => new HnswFlatIndex(dim, Torch.Faiss.Metric.InnerProduct, options.HnswM, options.HnswEfConstruction, options.HnswEfSearch),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Type, "unknown index type"),
        };
        try
        {
            if (index is IvfFlatIndex ivf)
            {
                ivf.Train(rows);
                ivf.NProbe = options.NProbe;
            }
            index.Add(rows);
            return new FaissRetriever(index, items, options.Metric, options.PaddingItem);
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    public TopKResult Search(Tensor queries, int k, ItemSets? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(queries);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1");
        int q = checked((int)queries.Shape[0]);
        if (exclude is not null && exclude.Count != q)
            throw new ArgumentException($"exclude has {exclude.Count} rows but there are {q} queries", nameof(exclude));
        int maxExcluded = 0;
        if (exclude is not null) for (int r = 0; r < q; r++) maxExcluded = Math.Max(maxExcluded, exclude[r].Length);
        int wanted = Math.Min(ItemCount, k + maxExcluded + (paddingItem is null ? 0 : 1));

        float[] flat;
        using (var scope = torch.NewDisposeScope())
            flat = Prepare(queries, Metric).ToArray<float>();
        var (scores, ids) = index.Search(flat, wanted);

        var outIds = new int[q * k];
        var outScores = new float[q * k];
        Array.Fill(outIds, TopKResult.NoItem);
        Array.Fill(outScores, float.NegativeInfinity);
        var excluded = new HashSet<int>();
        for (int r = 0; r < q; r++)
        {
            excluded.Clear();
            if (exclude is not null) foreach (int item in exclude[r]) excluded.Add(item);
            int n = 0;
            for (int j = 0; j < wanted && n < k; j++)
            {
                long id = ids[r * wanted + j];
                if (id < 0 || id == paddingItem || excluded.Contains((int)id)) continue; // -1: Faiss found fewer
                outIds[r * k + n] = (int)id;
                outScores[r * k + n] = scores[r * wanted + j];
                n++;
            }
        }
        return new TopKResult(q, k, outIds, outScores);
    }

    public void Dispose() => index.Dispose();

    /// <summary>float32 rows, L2-normalised for cosine (inner product of unit vectors).</summary>
    private static Tensor Prepare(Tensor rows, SimilarityMetric metric)
    {
        var f = rows.DType == ScalarType.Float32 ? rows : rows.To(ScalarType.Float32);
        return metric == SimilarityMetric.Cosine ? Functional.Normalize(f, 2, 1) : f.Contiguous();
    }
}
