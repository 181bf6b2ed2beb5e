#!/usr/bin/env python3
"""Writes tests/vectors/own-*.json: hand-built conformance vectors for the refund/exchange spec.

Each expected amount is worked out here from the spec's text with exact fractions (this file is
the calculator, independent of the Rust engine); every vector carries a "note" with the working.
Blocking/policy error codes are written by hand per vector. Run: python3 tests/vectors/tools/own_vectors.py
"""
import calendar
import datetime as dt
import json
import os
from fractions import Fraction as F

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
MONTHS = {"P1Y": 12, "P3Y": 36, "P5Y": 60}
NON_REFUNDABLE = {"DatabricksPrePurchase", "SynapsePrePurchase", "RedHat", "Suse",
                  "DefenderForCloudPrePurchase", "SentinelPrePurchase"}
GROUPS = [{"VirtualMachines", "DedicatedHost", "AVS"},
          {"SqlDatabases", "SqlManagedInstance", "SqlElasticPool"}]
SAVINGS = {"VirtualMachines", "DedicatedHost", "AppService", "SqlDatabases"}
CUTOFF = dt.date(2027, 2, 1)


def date(s):
    return dt.date.fromisoformat(s)


def add_months(d, m):
    """Spec: same day m months later from d directly, else the last day of that month."""
    y = d.year + (d.month - 1 + m) // 12
    mo = (d.month - 1 + m) % 12 + 1
    return dt.date(y, mo, min(d.day, calendar.monthrange(y, mo)[1]))


def rnd(x):
    """round to 2 dp, half away from zero, of an exact Fraction; returned as a Fraction."""
    x = F(x) * 100
    sign = -1 if x < 0 else 1
    x = abs(x)
    n = x.numerator // x.denominator
    if x - n >= F(1, 2):
        n += 1
    return F(sign * n, 100)


def s2(x):
    """A Fraction with at most 2 dp as a decimal string with exactly 2 dp."""
    n = x * 100
    assert n.denominator == 1, x
    n = n.numerator
    return ("-" if n < 0 else "") + f"{abs(n) // 100}.{abs(n) % 100:02d}"


def fstr(x):
    """Short human form of an exact fraction for notes."""
    if x.denominator == 1:
        return str(x.numerator)
    return f"{x.numerator}/{x.denominator}"


def line_amounts(res, q, as_of):
    """R, U (exact) and the working, per spec steps 1-3 of the refund quote."""
    S = date(res["purchase_date"])
    D = date(as_of)
    months = MONTHS[res["term"]]
    E = add_months(S, months)
    td = (E - S).days
    rd = (E - D).days
    up = F(res["unit_price"])
    cur = F(res.get("current_unit_price", res["unit_price"]))
    monthly = res["billing_plan"] == "Monthly"
    lt = (lambda u: u * months) if monthly else (lambda u: u)
    basis = min(lt(up), lt(cur))
    R = basis * F(q) * rd / td
    if monthly:
        billed = sum(1 for k in range(months) if add_months(S, k) <= D)
        U = up * F(q) * (months - billed)
        uw = f"billed={billed} U={fstr(up)}*{q}*{months - billed}={fstr(U)}"
    else:
        U = F(0)
        uw = "U=0"
    work = (f"E={E} td={td} rd={rd} basis=min({fstr(lt(up))},{fstr(lt(cur))})={fstr(basis)} "
            f"R={fstr(basis)}*{q}*{rd}/{td}={fstr(R)}~{float(R):.6f} {uw}")
    return R, U, E, rd, work


def used_of(history, as_of, window=365):
    D = date(as_of)
    return sum((F(h["amount"]) for h in history
                if date(h["date"]) <= D < date(h["date"]) + dt.timedelta(days=window)), F(0))


def refund(name, as_of, res, q, errors=(), policy=None, history=None, blocked=False, extra=None,
           note=""):
    """A refund vector; amounts computed from the spec unless `blocked` (then null)."""
    policy = policy or {}
    history = history or []
    limit = F(policy.get("refund_limit_usd", "50000"))
    used = used_of(history, as_of)
    exp = {"errors": sorted(errors), "limit_used": s2(rnd(used)),
           "limit_headroom": s2(rnd(limit - used))}
    work = f"used={fstr(used)} headroom=round({fstr(limit)}-{fstr(used)})"
    if blocked:
        exp.update({k: None for k in ("remaining_commitment", "unpaid", "fee", "refund")})
    else:
        R, U, E, rd, lw = line_amounts(res, q, as_of)
        fee_rate = F(policy.get("fee_rate", "0"))
        gross = max(F(0), R - U)
        fee = rnd(fee_rate * gross)
        ref = rnd(gross) - fee
        exp.update({"remaining_commitment": s2(rnd(R)), "unpaid": s2(rnd(U)), "fee": s2(fee),
                    "refund": s2(ref), "limit_added": s2(rnd(R))})
        work = (f"{lw}; gross=max(0,R-U)={fstr(gross)}; fee=round({fstr(fee_rate)}*gross)={s2(fee)}; "
                f"refund=round(gross)-fee={s2(ref)}; {work}; "
                f"limit check round(used)+round(R)={s2(rnd(used) + rnd(R))} vs {fstr(limit)}")
        # Cross-check the hand-written policy errors against the spec's rules.
        should = set()
        if rnd(used) + rnd(R) > limit:
            should.add("RefundLimitExceeded")
        if res["family"] in NON_REFUNDABLE:
            should.add("SelfServiceRefundNotSupported")
        assert should == set(errors), (name, should, errors)
    if extra:
        exp.update(extra)
    v = {"kind": "refund", "name": name, "note": (note + " | " if note else "") + work,
         "as_of": as_of}
    if policy:
        v["policy"] = policy
    if history:
        v["history"] = history
    v.update({"reservation": res, "quantity": q, "expect": exp})
    return v


def group_ok(fams):
    fams = set(fams)
    return len(fams) <= 1 or any(fams <= g for g in GROUPS)


def exchange(name, as_of, returns, purchases, errors=(), blocked=False, policy=None, note="",
             lines=False):
    """An exchange vector; amounts computed from the spec unless `blocked` (then null)."""
    exp = {"errors": sorted(set(errors))}
    work = ""
    if blocked:
        exp.update({k: None for k in ("refunds_total", "remaining_total", "purchases_total",
                                      "net_payable")})
    else:
        refunds, rems, parts, line_exp = F(0), F(0), [], []
        for i, r in enumerate(returns):
            R, U, E, rd, lw = line_amounts(r["reservation"], r["quantity"], as_of)
            ref = rnd(max(F(0), R - U))
            refunds += ref
            rems += rnd(R)
            parts.append(f"return{i}: {lw} refund={s2(ref)}")
            line_exp.append({"remaining_commitment": s2(rnd(R)), "unpaid": s2(rnd(U)),
                             "refund": s2(ref)})
        totals = []
        for i, p in enumerate(purchases):
            f = MONTHS[p["term"]] if p["billing_plan"] == "Monthly" else 1
            t = rnd(F(p["unit_price"]) * f * F(p["quantity"]))
            totals.append(t)
            parts.append(f"purchase{i}: {p['unit_price']}*{f}*{p['quantity']}={s2(t)}")
        pt = sum(totals, F(0))
        exp.update({"refunds_total": s2(refunds), "remaining_total": s2(rems),
                    "purchases_total": s2(pt), "net_payable": s2(pt - refunds)})
        if lines:
            exp["returns"] = line_exp
            exp["purchase_totals"] = [s2(t) for t in totals]
        work = "; ".join(parts) + f"; net={s2(pt)}-{s2(refunds)}"
        should = set()
        if pt < rems:
            should.add("ExchangeTotalTooLow")
        fams = [r["reservation"]["family"] for r in returns] + [p["family"] for p in purchases]
        if not group_ok(fams):
            should.add("IncompatibleProductFamily")
        for r in returns:
            res = r["reservation"]
            if res["family"] in NON_REFUNDABLE:
                should.add("SelfServiceRefundNotSupported")
            if res["family"] in SAVINGS and (date(res["purchase_date"]) >= CUTOFF or (
                    date(as_of) >= CUTOFF and res.get("final_exchange_used", False))):
                should.add("NotExchangeable")
        assert should == set(errors), (name, should, errors)
    v = {"kind": "exchange", "name": name, "note": (note + " | " if note else "") + work,
         "as_of": as_of}
    if policy:
        v["policy"] = policy
    v.update({"returns": returns, "purchases": purchases, "expect": exp})
    return v


def res(family="VirtualMachines", term="P1Y", plan="Upfront", purchase="2024-07-10", qty=1,
        price="2400.00", **kw):
    r = {"family": family, "term": term, "billing_plan": plan, "purchase_date": purchase,
         "quantity": qty, "unit_price": price}
    r.update(kw)
    return r


def buy(family="VirtualMachines", term="P1Y", plan="Upfront", price="2000.00", qty=1):
    return {"family": family, "term": term, "billing_plan": plan, "unit_price": price,
            "quantity": qty}


def ret(r, q):
    return {"reservation": r, "quantity": q}


def write(fname, vectors):
    with open(os.path.join(OUT, fname), "w") as f:
        json.dump(vectors, f, indent=2, ensure_ascii=False)
        f.write("\n")
    return len(vectors)


def check(v, **want):
    """Asserts hand-worked expectations against the computed ones."""
    for k, x in want.items():
        assert v["expect"][k] == x, (v["name"], k, v["expect"][k], x)
    return v


# ---------------------------------------------------------------- dates
leap = res(purchase="2024-02-29", price="3650.00")
dates = [
    check(refund("leap purchase 2024-02-29 P1Y, first active day D=S: R = whole price",
                 "2024-02-29", leap, 1,
                 extra={"expiry_date": "2025-02-28", "remaining_days": 365},
                 note="E=add_months(2024-02-29,12)=2025-02-28, td=365, rd=365, R=3650*365/365"),
          remaining_commitment="3650.00", refund="3650.00"),
    check(refund("leap purchase 2024-02-29 P1Y, last active day D=E-1=2025-02-27: one day left",
                 "2025-02-27", leap, 1, extra={"remaining_days": 1},
                 note="R=3650*1/365=10"),
          remaining_commitment="10.00", refund="10.00"),
    refund("leap purchase 2024-02-29 P1Y, D=E=2025-02-28 is not active", "2025-02-28", leap, 1,
           errors=["ReservationNotActive"], blocked=True,
           extra={"expiry_date": "2025-02-28"}),
    refund("leap purchase 2024-02-29 P1Y, 2025-02-29 does not exist: D=2025-03-01 is past expiry",
           "2025-03-01", leap, 1, errors=["ReservationNotActive"], blocked=True),
    check(refund("leap purchase 2024-02-29 P5Y expires 2029-02-28 (term_days 1826)", "2026-03-01",
                 res(term="P5Y", purchase="2024-02-29", price="18260.00", qty=2), 2,
                 extra={"expiry_date": "2029-02-28", "remaining_days": 1095}),
          remaining_commitment="21900.00"),
    check(refund("monthly P3Y bought 2024-02-29: installment 12 falls on 2025-02-28, day before",
                 "2025-02-27", res(term="P3Y", plan="Monthly", purchase="2024-02-29",
                                   price="100.00"), 1),
          unpaid="2400.00"),
    check(refund("monthly P3Y bought 2024-02-29: installment 12 billed on 2025-02-28 itself",
                 "2025-02-28", res(term="P3Y", plan="Monthly", purchase="2024-02-29",
                                   price="100.00"), 1),
          unpaid="2300.00"),
    check(refund("monthly P1Y bought 2025-01-31: Feb installment is on 2025-02-28, not yet on 02-27",
                 "2025-02-27", res(plan="Monthly", purchase="2025-01-31", price="50.00"), 1),
          unpaid="550.00"),
    check(refund("monthly P1Y bought 2025-01-31: Feb installment billed on 2025-02-28",
                 "2025-02-28", res(plan="Monthly", purchase="2025-01-31", price="50.00"), 1),
          unpaid="500.00"),
    check(refund("monthly P1Y bought 2025-01-31: March installment is 03-31, not 03-28 (from S directly)",
                 "2025-03-30", res(plan="Monthly", purchase="2025-01-31", price="50.00"), 1),
          unpaid="500.00"),
    check(refund("monthly P1Y bought 2025-01-31: March installment billed on 2025-03-31",
                 "2025-03-31", res(plan="Monthly", purchase="2025-01-31", price="50.00"), 1),
          unpaid="450.00"),
    check(refund("monthly P1Y bought 2024-01-31 (leap): Feb installment on 2024-02-29",
                 "2024-02-29", res(plan="Monthly", purchase="2024-01-31", price="50.00"), 1),
          unpaid="500.00"),
    check(refund("monthly P1Y returned on D=S: one installment paid and nothing consumed comes back",
                 "2025-04-10", res(plan="Monthly", purchase="2025-04-10", price="85.40", qty=3), 3,
                 note="R=85.40*12*3*365/365=3074.40, U=85.40*3*11=2818.20, gross=256.20"),
          remaining_commitment="3074.40", unpaid="2818.20", refund="256.20"),
    check(refund("monthly P1Y on its last active day: all 12 billed, U=0", "2026-04-09",
                 res(plan="Monthly", purchase="2025-04-10", price="85.40"), 1,
                 note="R=1024.80*1/365=2.8077 -> 2.81"),
          unpaid="0.00", refund="2.81"),
    refund("upfront P3Y bought 2023-12-31, D=E=2026-12-31 is not active", "2026-12-31",
           res(term="P3Y", purchase="2023-12-31"), 1, errors=["ReservationNotActive"],
           blocked=True),
]

# ---------------------------------------------------------------- amounts and rounding
amounts = [
    check(refund("rounding midpoint: R = 20.01*183/366 = 10.005 exactly rounds away to 10.01",
                 "2024-07-02", res(purchase="2024-01-01", price="20.01"), 1,
                 note="2024-01-01 P1Y: td=366 (leap year), D=E-183"),
          remaining_commitment="10.01", refund="10.01"),
    check(refund("rounding midpoint with quantity: R = 3*40.03*183/366 = 60.045 -> 60.05",
                 "2024-07-02", res(purchase="2024-01-01", price="40.03", qty=5), 3),
          remaining_commitment="60.05"),
    check(refund("just below a midpoint: R = 20.01*182/366 = 9.9508.. -> 9.95", "2024-07-03",
                 res(purchase="2024-01-01", price="20.01"), 1),
          remaining_commitment="9.95"),
    check(refund("fee on the exact gross: fee = round(0.5*10.005) = round(5.0025) = 5.00, "
                 "refund = round(10.005) - 5.00 = 5.01",
                 "2024-07-02", res(purchase="2024-01-01", price="20.01"), 1,
                 policy={"fee_rate": "0.5"}),
          fee="5.00", refund="5.01"),
    check(refund("fee midpoint: R = 20.10*183/366 = 10.05, fee = round(0.1*10.05) = round(1.005) "
                 "= 1.01, refund 9.04", "2024-07-02", res(purchase="2024-01-01", price="20.10"), 1,
                 policy={"fee_rate": "0.1"}),
          fee="1.01", refund="9.04"),
    check(refund("fee rate 1 takes the whole rounded gross: refund 0", "2025-01-10",
                 res(price="1234.56"), 1, policy={"fee_rate": "1"}),
          fee="612.21", refund="0.00"),
    check(refund("12% fee on a monthly return: fee on gross R-U, not on R", "2025-05-20",
                 res(plan="Monthly", purchase="2024-11-05", price="85.40", qty=3), 2,
                 policy={"fee_rate": "0.12"}),
          unpaid="854.00"),
    check(refund("current price above purchase price: basis stays the purchase price", "2025-03-01",
                 res(term="P3Y", purchase="2024-03-01", price="3000.00", qty=5,
                     current_unit_price="3300.00"), 2,
                 note="td = 2024-03-01..2027-03-01 = 1095 (no Feb 29 inside), rd = 730, "
                      "R = 3000*2*730/1095 = 4000"),
          remaining_commitment="4000.00"),
    check(refund("monthly, current price lower: R uses the lower lifetime, U the purchase price -> gross 0",
                 "2025-01-15", res(term="P3Y", plan="Monthly", purchase="2024-01-15",
                                   price="100.00", current_unit_price="90.00"), 1),
          unpaid="2300.00", refund="0.00"),
    check(refund("monthly, current price slightly lower still leaves a refund", "2025-01-15",
                 res(term="P3Y", plan="Monthly", purchase="2024-01-15", price="100.00",
                     current_unit_price="99.00"), 1),
          unpaid="2300.00"),
    check(refund("explicit status Succeeded and current price equal: same as absent", "2025-07-09",
                 res(status="Succeeded", current_unit_price="2400.00",
                     final_exchange_used=True), 1),
          refund="6.58"),
    check(refund("quantity given as a decimal string \"2.00\" is whole", "2025-03-01",
                 res(term="P3Y", purchase="2024-03-01", price="3000.00", qty=5), "2.00"),
          remaining_commitment="4000.00"),
    refund("reservation quantity 2.5 (not whole) still allows returning 2 units", "2025-03-01",
           res(term="P3Y", purchase="2024-03-01", price="3000.00", qty=2.5), 2),
    check(refund("zero price reservation: everything 0", "2025-03-01",
                 res(term="P3Y", purchase="2024-03-01", price="0"), 1),
          remaining_commitment="0.00", refund="0.00"),
    check(refund("repeating decimal: R = 100*122/365 = 33.424657.. -> 33.42", "2025-09-10",
                 res(purchase="2025-01-10", price="100.00", term="P1Y"), 1,
                 note="2025-01-10 P1Y: E=2026-01-10, td=365, rd=122"),
          remaining_commitment="33.42"),
]

# ---------------------------------------------------------------- refund limit
vm = res(term="P3Y", purchase="2024-06-01", price="5000.00")  # R = 3333.33 on 2025-06-01
limit = [
    check(refund("window: an entry 364 days old (h+364 = D) still counts", "2025-06-01", vm, 1,
                 history=[{"date": "2024-06-02", "amount": "47000.00"}],
                 errors=["RefundLimitExceeded"]),
          limit_used="47000.00", limit_headroom="3000.00"),
    check(refund("window: an entry exactly 365 days old (h+365 = D) no longer counts", "2025-06-01",
                 vm, 1, history=[{"date": "2024-06-01", "amount": "47000.00"}]),
          limit_used="0.00"),
    check(refund("window: a future-dated entry (h > D) does not count", "2025-06-01", vm, 1,
                 history=[{"date": "2025-06-02", "amount": "47000.00"}]),
          limit_used="0.00"),
    check(refund("window: an entry on D itself counts", "2025-06-01", vm, 1,
                 history=[{"date": "2025-06-01", "amount": "47000.00"}],
                 errors=["RefundLimitExceeded"]),
          limit_used="47000.00"),
    check(refund("window across a leap day: 2024-02-29 + 365 days = 2025-02-28 stops counting",
                 "2025-02-28", res(term="P3Y", purchase="2024-06-01", price="5000.00"), 1,
                 history=[{"date": "2024-02-29", "amount": "49000.00"},
                          {"date": "2024-03-01", "amount": "100.00"}]),
          limit_used="100.00"),
    check(refund("limit reached exactly: 46666.67 + 3333.33 = 50000.00 is not over", "2025-06-01",
                 vm, 1, history=[{"date": "2025-01-01", "amount": "46666.67"}]),
          limit_headroom="3333.33"),
    check(refund("one cent over: 46666.68 + 3333.33 = 50000.01 exceeds", "2025-06-01", vm, 1,
                 history=[{"date": "2025-01-01", "amount": "46666.68"}],
                 errors=["RefundLimitExceeded"])),
    check(refund("round(used) is used: 46666.665 -> 46666.67, + 3333.33 = 50000.00 is allowed; "
                 "headroom = round(3333.335) = 3333.34", "2025-06-01", vm, 1,
                 history=[{"date": "2025-01-01", "amount": "46666.660"},
                          {"date": "2025-02-01", "amount": "0.005"}]),
          limit_used="46666.67", limit_headroom="3333.34"),
    check(refund("custom refund_limit_usd 1000 with a 12% fee: the limit counts R, not the refund",
                 "2025-06-01", vm, 1, policy={"fee_rate": "0.12", "refund_limit_usd": "1000"},
                 errors=["RefundLimitExceeded"]),
          limit_headroom="1000.00", fee="400.00", refund="2933.33"),
    refund("Suse over the limit: both policy errors, amounts still given", "2025-06-01",
           res(family="Suse", term="P3Y", purchase="2024-06-01", price="5000.00"), 1,
           history=[{"date": "2025-05-01", "amount": "49999.99"}],
           errors=["RefundLimitExceeded", "SelfServiceRefundNotSupported"]),
    check(refund("blocked quote still reports limit_used and limit_headroom", "2025-06-01",
                 dict(vm, status="Expired"), 1,
                 history=[{"date": "2025-05-01", "amount": "1234.565"}],
                 errors=["ReservationNotActive"], blocked=True),
          limit_used="1234.57", limit_headroom="48765.44"),
]

# ---------------------------------------------------------------- blocking checks (refund)
base = res(qty=3)
blocking = [
    refund("non-whole quantity 1.5 (a JSON number) is InvalidRefundQuantity", "2025-01-10", base,
           1.5, errors=["InvalidRefundQuantity"], blocked=True),
    refund("negative quantity", "2025-01-10", base, -1, errors=["InvalidRefundQuantity"],
           blocked=True),
    refund("q = Q = 3 is allowed", "2025-01-10", base, 3),
    refund("q = 0 outranks D < S: only InvalidRefundQuantity", "2024-07-01", base, 0,
           errors=["InvalidRefundQuantity"], blocked=True),
    refund("unknown family (VirtualMachine, singular)", "2025-01-10",
           res(family="VirtualMachine"), 1, errors=["InvalidReservation"], blocked=True),
    refund("unknown term P2Y", "2025-01-10", res(term="P2Y"), 1, errors=["InvalidReservation"],
           blocked=True),
    refund("unknown billing plan: lowercase 'upfront'", "2025-01-10", res(plan="upfront"), 1,
           errors=["InvalidReservation"], blocked=True),
    refund("fee_rate above 1 is InvalidPolicy", "2025-01-10", res(), 1,
           policy={"fee_rate": "1.01"}, errors=["InvalidPolicy"], blocked=True),
    refund("negative fee_rate is InvalidPolicy", "2025-01-10", res(), 1,
           policy={"fee_rate": "-0.01"}, errors=["InvalidPolicy"], blocked=True),
    refund("InvalidReservation outranks InvalidPolicy (same step, reservation first)",
           "2025-01-10", res(term="P7Y"), 1, policy={"fee_rate": "2"},
           errors=["InvalidReservation"], blocked=True),
    refund("InvalidPolicy outranks a bad quantity", "2025-01-10", res(), 0,
           policy={"fee_rate": "2"}, errors=["InvalidPolicy"], blocked=True),
    refund("status Expired is not active", "2025-01-10", res(status="Expired"), 1,
           errors=["ReservationNotActive"], blocked=True),
    refund("status Cancelled is not active", "2025-01-10", res(status="Cancelled"), 1,
           errors=["ReservationNotActive"], blocked=True),
    refund("status 'succeeded' in lowercase is not active (exact comparison)", "2025-01-10",
           res(status="succeeded"), 1, errors=["ReservationNotActive"], blocked=True),
    refund("D one day before S is InvalidDate", "2024-07-09", res(), 1, errors=["InvalidDate"],
           blocked=True),
    refund("non-refundable SentinelPrePurchase: amounts given, refused", "2025-01-10",
           res(family="SentinelPrePurchase"), 1, errors=["SelfServiceRefundNotSupported"]),
    refund("non-refundable DatabricksPrePurchase still blocked first by expiry", "2025-07-10",
           res(family="DatabricksPrePurchase"), 1, errors=["ReservationNotActive"], blocked=True),
]

# ---------------------------------------------------------------- exchanges
vm3 = res(term="P3Y", purchase="2024-03-01", qty=2, price="3600.00")
exchanges = [
    exchange("two returns (upfront + monthly) into two purchases (one monthly)", "2025-05-20",
             [ret(res(term="P3Y", purchase="2024-03-01", qty=2, price="3600.00", id="a"), 1),
              ret(res(plan="Monthly", purchase="2024-11-05", qty=3, price="85.40", id="b"), 2)],
             [buy(family="DedicatedHost", term="P3Y", price="3000.00"),
              buy(term="P1Y", plan="Monthly", price="120.50", qty=2)], lines=True),
    exchange("AVS returned for VirtualMachines and DedicatedHost (compute group)", "2025-09-01",
             [ret(res(family="AVS", term="P3Y", purchase="2024-03-01", price="9000.00"), 1)],
             [buy(price="3000.00", qty=1), buy(family="DedicatedHost", price="3000.00")],
             lines=True),
    exchange("SqlDatabases into SqlManagedInstance and SqlElasticPool (SQL group)", "2025-09-01",
             [ret(res(family="SqlDatabases", purchase="2025-01-01", price="1200.00"), 1)],
             [buy(family="SqlManagedInstance", price="300.00"),
              buy(family="SqlElasticPool", price="200.00")]),
    exchange("SqlDatabases into VirtualMachines is incompatible", "2025-09-01",
             [ret(res(family="SqlDatabases", purchase="2025-01-01", price="1200.00"), 1)],
             [buy(price="2000.00")], errors=["IncompatibleProductFamily"]),
    exchange("CosmosDb for CosmosDb (own group) is fine", "2025-09-01",
             [ret(res(family="CosmosDb", purchase="2025-01-01", price="1200.00"), 1)],
             [buy(family="CosmosDb", price="1200.00")]),
    exchange("purchases equal to remaining total exactly: not too low", "2025-09-01",
             [ret(vm3, 2)], [buy(term="P3Y", price="3590.14")]),
    exchange("one cent short: ExchangeTotalTooLow", "2025-09-01", [ret(vm3, 2)],
             [buy(term="P3Y", price="3590.13")], errors=["ExchangeTotalTooLow"]),
    exchange("monthly purchase lifetime counts: 100/month * 36 * 1 = 3600 covers 3590.14",
             "2025-09-01", [ret(vm3, 2)], [buy(term="P3Y", plan="Monthly", price="100.00")]),
    exchange("fee_rate is not charged on exchanges (and 2 is not checked there)", "2025-09-01",
             [ret(vm3, 2)], [buy(term="P3Y", price="5200.00")], policy={"fee_rate": "2"}),
    exchange("RedHat for RedHat: SelfServiceRefundNotSupported, amounts given", "2025-09-01",
             [ret(res(family="RedHat", purchase="2025-01-01", price="500.00"), 1)],
             [buy(family="RedHat", price="500.00")], errors=["SelfServiceRefundNotSupported"]),
    exchange("bought before cutoff (2027-01-31), final exchange unused, filed after: allowed",
             "2027-03-01", [ret(res(purchase="2027-01-31", price="1200.00"), 1)],
             [buy(price="2000.00")]),
    exchange("bought before cutoff, final exchange used, filed 2027-03-01: NotExchangeable",
             "2027-03-01",
             [ret(res(purchase="2027-01-31", price="1200.00", final_exchange_used=True), 1)],
             [buy(price="2000.00")], errors=["NotExchangeable"]),
    exchange("final exchange used, filed on the cutoff day 2027-02-01: NotExchangeable",
             "2027-02-01",
             [ret(res(purchase="2026-06-01", price="1200.00", final_exchange_used=True), 1)],
             [buy(price="2000.00")], errors=["NotExchangeable"]),
    exchange("final exchange used but filed 2027-01-31, before the cutoff: allowed",
             "2027-01-31",
             [ret(res(purchase="2026-06-01", price="1200.00", final_exchange_used=True), 1)],
             [buy(price="2000.00")]),
    exchange("AppService bought on the cutoff day is not exchangeable", "2027-05-01",
             [ret(res(family="AppService", purchase="2027-02-01", price="1200.00"), 1)],
             [buy(family="AppService", price="2000.00")], errors=["NotExchangeable"]),
    exchange("CosmosDb bought after the cutoff is exchangeable (not a savings-plan family)",
             "2027-05-01",
             [ret(res(family="CosmosDb", purchase="2027-03-01", price="1200.00",
                      final_exchange_used=True), 1)],
             [buy(family="CosmosDb", price="2000.00")]),
    exchange("several policy errors at once: too low, incompatible, not exchangeable",
             "2027-06-01", [ret(res(purchase="2027-02-01", price="1200.00"), 1)],
             [buy(family="CosmosDb", price="100.00")],
             errors=["ExchangeTotalTooLow", "IncompatibleProductFamily", "NotExchangeable"]),
    exchange("two return lines with the same id: InvalidExchange, no amounts", "2025-09-01",
             [ret(dict(vm3, id="r1"), 1), ret(dict(vm3, id="r1"), 1)], [buy(price="9000.00")],
             errors=["InvalidExchange"], blocked=True),
    exchange("same reservation twice without ids is not detected as a duplicate", "2025-09-01",
             [ret(vm3, 1), ret(vm3, 1)], [buy(term="P3Y", price="9000.00")]),
    exchange("no return line", "2025-09-01", [], [buy()], errors=["InvalidExchange"],
             blocked=True),
    exchange("no purchase line", "2025-09-01", [ret(vm3, 1)], [], errors=["InvalidExchange"],
             blocked=True),
    exchange("purchase line problems: unknown family, term, plan, quantity 0 and 1.5, price 0 and "
             "negative", "2025-09-01", [ret(vm3, 1)],
             [buy(family="Virtual Machines"), buy(term="P10Y"), buy(plan="Annual"), buy(qty=0),
              buy(qty=1.5), buy(price="0"), buy(price="-1.00")],
             errors=["InvalidPurchase"], blocked=True),
    exchange("blocking errors of several lines are all reported", "2025-09-01",
             [ret(vm3, 3), ret(dict(vm3, status="Cancelled"), 1),
              ret(res(purchase="2025-09-02"), 1), ret(res(term="P2Y"), 1),
              ret(res(purchase="2024-07-10"), 1)],
             [buy(price="0")],
             errors=["InvalidRefundQuantity", "ReservationNotActive", "InvalidDate",
                     "InvalidReservation", "InvalidPurchase"], blocked=True),
    exchange("blocking errors hide policy errors (incompatible family not reported)",
             "2025-09-01", [ret(vm3, 0)], [buy(family="CosmosDb")],
             errors=["InvalidRefundQuantity"], blocked=True),
    exchange("monthly return with a leap-day purchase into a 5-year", "2025-02-28",
             [ret(res(term="P3Y", plan="Monthly", purchase="2024-02-29", price="100.00"), 1)],
             [buy(term="P5Y", price="3000.00")], lines=True),
]

extensions = [
    refund("engine extension: negative unit_price is InvalidReservation", "2025-01-10",
           res(price="-1.00"), 1, errors=["InvalidReservation"], blocked=True),
    refund("engine extension: amounts overflowing a decimal are InvalidReservation",
           "2025-01-10", res(price="10000000000000000000000000000", qty=5), 5,
           errors=["InvalidReservation"], blocked=True),
]

n = 0
n += write("own-dates.json", dates)
n += write("own-amounts.json", amounts)
n += write("own-limit.json", limit)
n += write("own-blocking.json", blocking)
n += write("own-exchange.json", exchanges)
n += write("own-extensions.json", extensions)
print(f"wrote {n} vectors")
