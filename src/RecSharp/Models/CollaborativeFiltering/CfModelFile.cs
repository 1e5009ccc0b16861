using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>
/// Binary file of a fitted ItemCF/UserCF model, little-endian:
/// header  "RSCF", int32 version, int32 kind (1 ItemCF, 2 UserCF);
/// body    options (int32 similarity, float64 alpha, uint8 iuf, uint8 iif, int32 topK, uint8 normalizeRowsByMax),
///         int32 userCount, int32 itemCount, int32 duplicateCount,
///         int32 interactionCount, int32[userCount + 1] userOffsets, int32[interactionCount] userItems,
///         int32 rowCount, int32 neighbourCount, int32[rowCount + 1] offsets, int32[neighbourCount] neighbours,
///         float64[neighbourCount] similarities;
/// footer  uint64 FNV-1a checksum of everything before it, "FCSR".
/// The interactions are stored because recommending needs the seen items (and UserCF the neighbours' items).
/// </summary>
internal static class CfModelFile
{
    public const int Version = 1;
    private static readonly byte[] Magic = "RSCF"u8.ToArray();
    private static readonly byte[] EndMagic = "FCSR"u8.ToArray();
    private const int HeaderBytes = 12;
    private const int FooterBytes = 12;

    public static void Write(string path, CfModelKind kind, CfInteractions data, CfOptions options, SimilarityLists lists)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        RequireLittleEndian();
        var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Version);
            w.Write((int)kind);
            w.Write((int)options.Similarity);
            w.Write(options.Alpha);
            w.Write(options.InverseUserFrequency);
            w.Write(options.InverseItemFrequency);
            w.Write(options.TopK);
            w.Write(options.NormalizeRowsByMax);
            w.Write(data.UserCount);
            w.Write(data.ItemCount);
            w.Write(data.DuplicateCount);
            w.Write(data.InteractionCount);
            w.Write(MemoryMarshal.AsBytes(data.UserOffsets.AsSpan()));
            w.Write(MemoryMarshal.AsBytes(data.UserItems.AsSpan()));
            w.Write(lists.RowCount);
            w.Write(lists.Neighbours.Length);
            w.Write(MemoryMarshal.AsBytes(lists.Offsets.AsSpan()));
            w.Write(MemoryMarshal.AsBytes(lists.Neighbours.AsSpan()));
            w.Write(MemoryMarshal.AsBytes(lists.Scores.AsSpan()));
            w.Write(Fnv1a64(body.GetBuffer().AsSpan(0, (int)body.Length)));
            w.Write(EndMagic);
        }
        WriteAtomically(path, body.GetBuffer().AsSpan(0, (int)body.Length));
    }

    public static (CfInteractions Data, CfOptions Options, SimilarityLists Lists) Read(string path, CfModelKind expectedKind)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        RequireLittleEndian();
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found.", path);
        byte[] bytes = File.ReadAllBytes(path);

        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            throw Corrupt(path, "not a RecSharp CF model file (it does not start with \"RSCF\").");
        if (bytes.Length < HeaderBytes + FooterBytes)
            throw Corrupt(path, $"file is {bytes.Length} bytes, too short for a CF model file (header and footer need {HeaderBytes + FooterBytes}).");
        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4));
        if (version != Version)
            throw Corrupt(path, $"unsupported CF model file version {version}; this build reads version {Version}.");
        int kind = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        if (!Enum.IsDefined((CfModelKind)kind))
            throw Corrupt(path, $"unknown model kind {kind} in the header (1 = ItemCF, 2 = UserCF).");
        if (kind != (int)expectedKind)
            throw Corrupt(path, $"holds a model of kind {Name((CfModelKind)kind)}, not {Name(expectedKind)}.");
        if (!bytes.AsSpan(bytes.Length - EndMagic.Length).SequenceEqual(EndMagic))
            throw Corrupt(path, "end marker \"FCSR\" missing: the file is truncated or corrupt.");
        int checkedLength = bytes.Length - FooterBytes;
        ulong stored = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(checkedLength));
        ulong computed = Fnv1a64(bytes.AsSpan(0, checkedLength));
        if (stored != computed)
            throw Corrupt(path, $"checksum mismatch (stored 0x{stored:x16}, computed 0x{computed:x16}): the file is corrupt.");

        var r = new FieldReader(path, bytes.AsMemory(HeaderBytes, checkedLength - HeaderBytes));
        var options = ReadOptions(r);
        int userCount = r.Count("userCount");
        int itemCount = r.Count("itemCount");
        int duplicateCount = r.Count("duplicateCount");
        int interactionCount = r.Count("interactionCount");
        int[] userOffsets = r.Int32s("userOffsets", (long)userCount + 1);
        int[] userItems = r.Int32s("userItems", interactionCount);
        CheckCsr(path, "userOffsets", "userItems", userOffsets, userItems, 1, itemCount);

        int expectedRows = expectedKind == CfModelKind.ItemCf ? itemCount + 1 : userCount;
        int rowCount = r.Count("rowCount");
        if (rowCount != expectedRows)
            throw Corrupt(path, $"field 'rowCount' = {rowCount}, expected {expectedRows} for a {Name(expectedKind)} model.");
        int neighbourCount = r.Count("neighbourCount");
        int[] offsets = r.Int32s("offsets", (long)rowCount + 1);
        int[] neighbours = r.Int32s("neighbours", neighbourCount);
        double[] scores = r.Float64s("similarities", neighbourCount);
        r.EnsureFinished();
        var (minId, maxId) = expectedKind == CfModelKind.ItemCf ? (1, itemCount) : (0, userCount - 1);
        CheckCsr(path, "offsets", "neighbours", offsets, neighbours, minId, maxId, strictlyAscending: false);
        for (int row = 0; row < rowCount; row++)
            if (offsets[row + 1] - offsets[row] > options.TopK)
                throw Corrupt(path, $"row {row} has {offsets[row + 1] - offsets[row]} neighbours, more than TopK = {options.TopK}.");
        for (int k = 0; k < scores.Length; k++)
            if (!double.IsFinite(scores[k]))
                throw Corrupt(path, $"field 'similarities'[{k}] = {scores[k]} is not finite.");

        var data = CfInteractions.FromSortedUserRows(userCount, itemCount, duplicateCount, userOffsets, userItems);
        return (data, options, new SimilarityLists(offsets, neighbours, scores));
    }

    private static CfOptions ReadOptions(FieldReader r)
    {
        var options = new CfOptions
        {
            Similarity = (CfSimilarity)r.Int32("similarity"),
            Alpha = r.Float64("alpha"),
            InverseUserFrequency = r.Bool("inverseUserFrequency"),
            InverseItemFrequency = r.Bool("inverseItemFrequency"),
            TopK = r.Int32("topK"),
            NormalizeRowsByMax = r.Bool("normalizeRowsByMax"),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw Corrupt(r.Path, $"invalid options: {e.Message}");
        }
        return options;
    }

    /// <summary>Checks offsets run from 0 to ids.Length without decreasing and every id lies in [minId, maxId].</summary>
    private static void CheckCsr(string path, string offsetsName, string idsName, int[] offsets, int[] ids,
        int minId, int maxId, bool strictlyAscending = true)
    {
        if (offsets[0] != 0)
            throw Corrupt(path, $"field '{offsetsName}'[0] = {offsets[0]}, expected 0.");
        for (int row = 0; row + 1 < offsets.Length; row++)
        {
            int start = offsets[row], end = offsets[row + 1];
            if (end < start || end > ids.Length)
                throw Corrupt(path, $"field '{offsetsName}'[{row + 1}] = {end} is outside {start}..{ids.Length}.");
            for (int k = start; k < end; k++)
            {
                if (ids[k] < minId || ids[k] > maxId)
                    throw Corrupt(path, $"field '{idsName}'[{k}] = {ids[k]} is outside {minId}..{maxId}.");
                if (strictlyAscending && k > start && ids[k] <= ids[k - 1])
                    throw Corrupt(path, $"field '{idsName}' row {row} is not strictly ascending at position {k}.");
            }
        }
        if (offsets[^1] != ids.Length)
            throw Corrupt(path, $"field '{offsetsName}' ends at {offsets[^1]}, expected {ids.Length}.");
    }

    private static string Name(CfModelKind kind) => kind == CfModelKind.ItemCf ? "ItemCF" : "UserCF";

    internal static InvalidDataException Corrupt(string path, string problem) => new($"{path}: {problem}");

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("CF model files are written and read on little-endian machines only.");
    }

    /// <summary>64-bit FNV-1a: cheap, and enough to catch truncation and flipped bytes (not tampering).</summary>
    internal static ulong Fnv1a64(ReadOnlySpan<byte> data)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in data)
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    private static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Sequential reader of named fields; running past the end names the field.</summary>
    private sealed class FieldReader(string path, ReadOnlyMemory<byte> data)
    {
        private int _position;

        public string Path { get; } = path;

        private ReadOnlySpan<byte> Take(string field, long bytes)
        {
            if (bytes > data.Length - _position)
                throw Corrupt(Path, $"field '{field}' needs {bytes} bytes but only {data.Length - _position} remain.");
            var span = data.Span.Slice(_position, (int)bytes);
            _position += (int)bytes;
            return span;
        }

        public int Int32(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(field, 4));

        public double Float64(string field) => BinaryPrimitives.ReadDoubleLittleEndian(Take(field, 8));

        public bool Bool(string field)
        {
            byte b = Take(field, 1)[0];
            if (b > 1) throw Corrupt(Path, $"field '{field}' = {b}, expected 0 or 1.");
            return b == 1;
        }

        /// <summary>A non-negative int32.</summary>
        public int Count(string field)
        {
            int value = Int32(field);
            if (value < 0) throw Corrupt(Path, $"field '{field}' = {value} is negative.");
            return value;
        }

        public int[] Int32s(string field, long count) => MemoryMarshal.Cast<byte, int>(Take(field, count * 4)).ToArray();

        public double[] Float64s(string field, long count) => MemoryMarshal.Cast<byte, double>(Take(field, count * 8)).ToArray();

        public void EnsureFinished()
        {
            if (_position != data.Length)
                throw Corrupt(Path, $"{data.Length - _position} unexpected bytes after the last field.");
        }
    }
}
