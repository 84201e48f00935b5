package cn.yinfeng.ledger.sheet;

import cn.yinfeng.common.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.eventusermodel.HSSFEventFactory;
import org.apache.poi.hssf.eventusermodel.HSSFListener;
import org.apache.poi.hssf.eventusermodel.HSSFRequest;
import org.apache.poi.hssf.record.BOFRecord;
import org.apache.poi.hssf.record.BoolErrRecord;
import org.apache.poi.hssf.record.BoundSheetRecord;
import org.apache.poi.hssf.record.FilePassRecord;
import org.apache.poi.hssf.record.FormulaRecord;
import org.apache.poi.hssf.record.LabelRecord;
import org.apache.poi.hssf.record.LabelSSTRecord;
import org.apache.poi.hssf.record.MergeCellsRecord;
import org.apache.poi.hssf.record.MulRKRecord;
import org.apache.poi.hssf.record.NumberRecord;
import org.apache.poi.hssf.record.RKRecord;
import org.apache.poi.hssf.record.Record;
import org.apache.poi.hssf.record.SSTRecord;
import org.apache.poi.hssf.record.StringRecord;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellType;

/**
 * Excel 97–2003 workbooks ({@code .xls}, BIFF8; WPS's {@code .et} is the same format) through POI's HSSF event API:
 * records stream past once and only cell texts are kept, so no workbook model is built. All sheets are read in that
 * one pass (an OLE file has no compression, so the file's size bounds the work). Dates arrive as Excel's day number,
 * as they do from an xlsx.
 */
final class XlsReader implements WorkbookReader {

    private final Limits limits;
    private final List<String> names = new ArrayList<>();
    private final List<TreeMap<Integer, String[]>> cells = new ArrayList<>();
    private final List<List<SheetTable.Merge>> merges = new ArrayList<>();

    XlsReader(byte[] file, Limits limits) {
        this.limits = limits;
        POIFSFileSystem opened;
        try {
            opened = new POIFSFileSystem(new ByteArrayInputStream(file));
        } catch (IOException | RuntimeException e) {
            // an OLE header over something POI cannot open: most often a workbook encrypted by an older scheme
            throw new InvalidInputException("file", "import.encryptedOrXls");
        }
        try (var fs = opened) {
            if (fs.getRoot().hasEntryCaseInsensitive("EncryptionInfo")) {
                throw new InvalidInputException("file", "import.encrypted");
            }
            if (!fs.getRoot().hasEntryCaseInsensitive("Workbook")
                    && !fs.getRoot().hasEntryCaseInsensitive("Book")) {
                throw new InvalidInputException("file", "import.unreadable.ole");
            }
            var request = new HSSFRequest();
            request.addListenerForAllRecords(new Collector());
            new HSSFEventFactory().processWorkbookEvents(request, fs);
        } catch (InvalidInputException e) {
            throw e;
        } catch (EncryptedDocumentException e) {
            throw new InvalidInputException("file", "import.encrypted");
        } catch (TooLarge e) {
            throw e.problem;
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("file", "import.unreadable.xls");
        }
    }

    /** Carries a limit's problem out of POI's listener, which may not throw checked exceptions. */
    private static final class TooLarge extends RuntimeException {
        final InvalidInputException problem;

        TooLarge(InvalidInputException problem) {
            super(null, null, false, false);
            this.problem = problem;
        }
    }

    private final class Collector implements HSSFListener {
        private SSTRecord sst;
        private int sheet = -1;
        private boolean inWorksheet;
        private FormulaRecord pendingString;

        @Override
        public void processRecord(Record record) {
            if (record instanceof FilePassRecord) {
                throw new TooLarge(new InvalidInputException("file", "import.encrypted"));
            } else if (record instanceof BoundSheetRecord b) {
                if (names.size() >= limits.maxSheets()) {
                    throw new TooLarge(new InvalidInputException("file", "import.tooManySheets", limits.maxSheets()));
                }
                names.add(b.getSheetname());
            } else if (record instanceof BOFRecord bof) {
                inWorksheet = bof.getType() == BOFRecord.TYPE_WORKSHEET;
                if (inWorksheet) {
                    sheet++;
                    cells.add(new TreeMap<>());
                    merges.add(new ArrayList<>());
                }
            } else if (record instanceof SSTRecord s) {
                sst = s;
            } else if (record instanceof LabelSSTRecord l) {
                put(
                        l.getRow(),
                        l.getColumn(),
                        sst == null ? null : sst.getString(l.getSSTIndex()).getString());
            } else if (record instanceof LabelRecord l) {
                put(l.getRow(), l.getColumn(), l.getValue());
            } else if (record instanceof NumberRecord n) {
                put(n.getRow(), n.getColumn(), Numbers.shown(n.getValue()));
            } else if (record instanceof RKRecord rk) {
                put(rk.getRow(), rk.getColumn(), Numbers.shown(rk.getRKNumber()));
            } else if (record instanceof MulRKRecord m) {
                for (int i = 0; i < m.getNumColumns(); i++) {
                    put(m.getRow(), m.getFirstColumn() + i, Numbers.shown(m.getRKNumberAt(i)));
                }
            } else if (record instanceof FormulaRecord f) {
                if (f.hasCachedResultString()) {
                    pendingString = f;
                } else if (f.getCachedResultTypeEnum() == CellType.BOOLEAN) {
                    put(f.getRow(), f.getColumn(), f.getCachedBooleanValue() ? "TRUE" : "FALSE");
                } else if (f.getCachedResultTypeEnum() == CellType.NUMERIC) {
                    put(f.getRow(), f.getColumn(), Numbers.shown(f.getValue()));
                }
            } else if (record instanceof StringRecord s) {
                if (pendingString != null) {
                    put(pendingString.getRow(), pendingString.getColumn(), s.getString());
                    pendingString = null;
                }
            } else if (record instanceof BoolErrRecord b) {
                if (b.isBoolean()) {
                    put(b.getRow(), b.getColumn(), b.getBooleanValue() ? "TRUE" : "FALSE");
                }
            } else if (record instanceof MergeCellsRecord m && inWorksheet && sheet >= 0) {
                for (int i = 0; i < m.getNumAreas(); i++) {
                    var area = m.getAreaAt(i);
                    if (area.getLastColumn() < limits.maxColumns()) {
                        merges.get(sheet)
                                .add(new SheetTable.Merge(
                                        area.getFirstRow() + 1,
                                        area.getLastRow() + 1,
                                        area.getFirstColumn(),
                                        area.getLastColumn()));
                    }
                }
            }
        }

        private void put(int row, int column, String value) {
            if (!inWorksheet || sheet < 0 || value == null) {
                return;
            }
            if (column >= limits.maxColumns()) {
                throw new TooLarge(new InvalidInputException("file", "import.tooManyColumns"));
            }
            var rows = cells.get(sheet);
            String[] r = rows.get(row + 1);
            if (r == null) {
                if (rows.size() >= limits.maxRows()) {
                    throw new TooLarge(new InvalidInputException("file", "import.tooManyRows", limits.maxRows()));
                }
                r = new String[column + 1];
                rows.put(row + 1, r);
            } else if (r.length <= column) {
                r = Arrays.copyOf(r, column + 1);
                rows.put(row + 1, r);
            }
            r[column] = value;
        }
    }

    @Override
    public String format() {
        return "xls";
    }

    @Override
    public List<String> sheetNames() {
        return List.copyOf(names);
    }

    @Override
    public SheetTable read(int sheet) {
        return head(sheet, Integer.MAX_VALUE);
    }

    @Override
    public SheetTable head(int sheet, int max) {
        if (sheet < 0 || sheet >= cells.size()) {
            throw new InvalidInputException("file", "import.noSheet");
        }
        var rows = new ArrayList<SheetTable.Row>();
        for (Map.Entry<Integer, String[]> e : cells.get(sheet).entrySet()) {
            if (rows.size() >= max) {
                break;
            }
            rows.add(new SheetTable.Row(e.getKey(), e.getValue().clone()));
        }
        String name = sheet < names.size() ? names.get(sheet) : "Sheet" + (sheet + 1);
        return SheetTable.filled(name, sheet, rows, merges.get(sheet));
    }
}
