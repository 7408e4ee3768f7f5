package io.stashwatch.simulator.market;

/**
 * The simulated market's item universe, as text tables parsed once by {@link Catalog}. Names, bases
 * and mods follow the real game closely enough for parsers and humans; prices are Settlers-league
 * chaos values (other leagues derive from them). Fields are separated by {@code |}, lists by
 * {@code ;}; a roll range {@code (a-b)} becomes a number per item.
 */
final class CatalogData {
    private CatalogData() {
    }

    /**
     * name | base | w | h | category | subcategory | max sockets | chaos (0-4 links) | chaos 5L | chaos 6L |
     * level | implicits | explicits | flavour | popularity. 5L/6L 0 = the item cannot have them.
     */
    static final String UNIQUES = """
            Tabula Rasa|Simple Robe|2|3|armour|chest|6|0|0|12|1||Item has no level requirement and Energy Shield (Hidden)|"Your mind is a blank slate,\r;and the world a new canvas."|3
            Loreweave|Elegant Ringmail|2|3|armour|chest|6|0|0|70|75||Has 6 Sockets;Socketed Gems have +(8-12)% to their Elemental Resistances;+(60-80) to maximum Life;(30-40)% increased Global Damage|"Though we stand divided, our strength is the weave."|1
            Shavronne's Wrappings|Occultist's Vestment|2|3|armour|chest|6|8|45|380|62||(100-150)% increased Energy Shield;(5-10)% faster start of Energy Shield Recharge;+(30-40)% to Lightning Resistance;Chaos Damage does not bypass Energy Shield|"Reaching the edge of the void, she wrapped herself in it."|2
            Belly of the Beast|Full Wyrmscale|2|3|armour|chest|6|2|18|140|46||(150-200)% increased Armour;(30-40)% increased maximum Life;+(10-15)% to all Elemental Resistances;50% increased Flask Life Recovery rate|"There is no safer place\r;Than the Belly of the Beast"|4
            Lightning Coil|Desert Brigandine|2|3|armour|chest|6|3|24|190|60||(100-140)% increased Armour and Evasion;+(70-90) to maximum Life;+(30-40)% to Lightning Resistance;30% of Physical Damage from Hits taken as Lightning Damage|"Though the fire burned, the coil never broke."|3
            Carcass Jack|Varnished Coat|2|3|armour|chest|6|5|30|240|70||(120-150)% increased Evasion and Energy Shield;+(50-70) to maximum Life;+(12-15)% to all Elemental Resistances;(40-50)% increased Area of Effect;(10-12)% increased Area Damage|"The dead man's garment is a living man's armour."|3
            Cloak of Defiance|Lacquered Garb|2|3|armour|chest|6|3|22|210|57||(100-130)% increased Evasion and Energy Shield;+(50-70) to maximum Mana;10% of Damage is taken from Mana before Life;Mind Over Matter|"When the throat roars,\r;the soul is silent."|3
            The Brass Dome|Gladiator Plate|2|3|armour|chest|6|18|55|330|65||(500-600)% increased Armour;-(10-5)% to all Elemental Resistances;Strength provides no bonus to Maximum Life;Cannot be Stunned;Take no Extra Damage from Critical Strikes|"The turtle's shell, the gladiator's shield."|2
            Hyrri's Ire|Zodiac Leather|2|3|armour|chest|6|14|48|290|65||+(40-50) to Dexterity;(140-180)% increased Evasion Rating;(25-35)% increased Critical Strike Chance;Adds (130-150) to (200-220) Cold Damage to Spells|"Hyrri's arrows found their mark even through the storm."|2
            Inpulsa's Broken Heart|Sadist Garb|2|3|armour|chest|6|8|40|270|68||+(60-80) to maximum Life;(20-25)% increased Damage if you have Shocked an Enemy Recently;(15-25)% increased Effect of Shock;Shocked Enemies you Kill Explode|"Every fragment of her heart hums with a storm."|3
            Queen of the Forest|Destiny Leather|2|3|armour|chest|6|6|35|230|69||(200-250)% increased Evasion Rating;+(60-80) to maximum Life;-(20-10)% to all Elemental Resistances;Movement Speed is based on your Evasion|"The forest is patient, and so is its queen."|3
            Cospri's Will|Assassin's Garb|2|3|armour|chest|6|5|34|250|68||+(30-40) to Dexterity;+(30-40) to Intelligence;(200-250)% increased Evasion Rating;You can Curse Enemies with an additional Curse|"Even the greatest will can be bent."|2
            Kingsguard|Conquest Chainmail|2|3|armour|chest|6|2|15|100|61||(150-180)% increased Armour and Energy Shield;+(60-80) to maximum Life;+(60-80) to maximum Mana;30% increased Endurance Charge Duration|"The toughest armour is the trust of your people."|3
            Voidforge|Infernal Sword|2|4|weapons|twosword|6|260|360|850|67|30% increased Elemental Damage with Attack Skills|(90-120)% increased Physical Damage;+(15-20)% to Global Critical Strike Multiplier;Hits with this Weapon deal 100% more Damage to Ignited Enemies;Gain 25% of Weapon Physical Damage as Extra Damage of a random Element|"A weapon forged in nothing\r;will cut through anything."|2
            Starforge|Infernal Sword|2|4|weapons|twosword|6|60|120|620|67|30% increased Elemental Damage with Attack Skills|(400-500)% increased Physical Damage;(5-8)% increased Attack Speed;+(90-100) to maximum Life;Deal no Elemental Damage;Your Physical Damage can Shock|"Fire falls from the stars."|3
            Atziri's Disfavour|Vaal Axe|2|4|weapons|twoaxe|6|14|48|310|66|25% chance to cause Bleeding on Hit|+2 to Level of Socketed Support Gems;(270-320)% increased Physical Damage;+(20-30)% to Global Critical Strike Multiplier;(25-30)% increased Area of Effect|"Only the vain say no to Atziri."|3
            Pillar of the Caged God|Iron Staff|2|4|weapons|staff|6|3|20|150|30|+18% Chance to Block Attack Damage while wielding a Staff|(120-140)% increased Physical Damage;+(20-30) to Strength;+(20-30) to Intelligence;Area of Effect is increased by your Strength|"The god was caged, but his pillar still stands."|3
            Windripper|Imperial Bow|2|4|weapons|bow|6|5|38|260|66|(34-38)% increased Elemental Damage with Attack Skills|Adds (30-40) to (60-70) Cold Damage;Adds 1 to (200-240) Lightning Damage;(10-15)% increased Attack Speed;+(15-20)% to Global Critical Strike Multiplier|"The wind itself carries the arrow."|3
            Voltaxic Rift|Spine Bow|2|4|weapons|bow|6|4|30|200|64|+(20-25)% to Global Critical Strike Multiplier|Adds 1 to (500-650) Lightning Damage;(4-8)% increased Attack Speed;+(7-10)% to maximum Lightning Resistance;150% increased Shock Duration on Enemies|"The storm answers only to itself."|3
            Lioneye's Glare|Imperial Bow|2|4|weapons|bow|6|3|24|180|66|(34-38)% increased Elemental Damage with Attack Skills|(100-150)% increased Physical Damage;(5-8)% increased Attack Speed;+(10-20) to Dexterity;Hits can't be Evaded|"Lioneye's aim was never questioned."|3
            Hegemony's Era|Judgement Staff|2|4|weapons|warstaff|6|2|15|120|68|+20% Chance to Block Attack Damage while wielding a Staff|(160-200)% increased Physical Damage;(10-15)% increased Attack Speed;+(25-30)% to Global Critical Strike Multiplier;25% chance to gain a Power Charge on Critical Strike|"Dominion is won one blow at a time."|3
            Marohi Erqi|Karui Maul|2|4|weapons|twomace|6|2|14|95|57|20% chance to Stun|(250-300)% increased Physical Damage;+(20-30) to Strength;-10% reduced Attack Speed;+(10-12) to Weapon Range|"The mountain does not bend to the wind."|3
            Headhunter|Leather Belt|2|1|accessories|belt|0|0|0|0|40|+(25-40) to maximum Life|+(40-55) to Strength;+(40-55) to Dexterity;+(50-60) to maximum Life;(20-30)% increased Damage with Hits against Rare monsters;When you Kill a Rare monster, you gain its Modifiers for 60 seconds|"A man's soul rules from a cavern of bone, learns and\r;judges through flesh-born windows. The heart is meat.\r;The head is where the Man is."|2
            Mageblood|Heavy Belt|2|1|accessories|belt|0|0|0|0|44|+(25-35) to Strength|+(30-50) to Dexterity;+(15-25)% to Fire Resistance;+(15-25)% to Cold Resistance;Magic Utility Flasks cannot be Used;Leftmost 4 Magic Utility Flasks constantly apply their Flask Effects to you|"Rivers of blood flow through the ancient lines."|1
            Doryani's Invitation|Heavy Belt|2|1|accessories|belt|0|1|0|0|68|+(25-35) to Strength|(20-30)% increased Lightning Damage;+(300-350) to Armour;+(20-35)% to Fire Resistance;+(20-35)% to Cold Resistance;0.2% of Lightning Damage Leeched as Life|"You can invite them but you can never be \r;sure who will come knocking."\r;- Doryani, Queen's Thaumaturgist|4
            Meginord's Girdle|Heavy Belt|2|1|accessories|belt|0|1|0|0|8|+(25-35) to Strength|+25 to Strength;Adds 5 to 15 Physical Damage to Attacks;10% increased maximum Life;+(15-20)% to Cold Resistance;25% increased Flask Life Recovery rate|Kaom's strength was rivaled only by\r;the great Meginord of the north.|3
            Astramentis|Onyx Amulet|1|1|accessories|amulet|0|14|0|0|20|+(10-16) to all Attributes|+(80-100) to all Attributes;-4 Physical Damage taken from Attack Hits|"The stars are the memory of a fallen world."|4
            Bisco's Collar|Gold Amulet|1|1|accessories|amulet|0|9|0|0|30|(12-20)% increased Rarity of Items found|150% increased Rarity of Items Dropped by Slain Magic Enemies;100% increased Quantity of Items Dropped by Slain Normal Enemies|"Bisco wore it to the last."|3
            Ashes of the Stars|Onyx Amulet|1|1|accessories|amulet|0|1150|0|0|60|+(10-16) to all Attributes|+1 to Level of all Skill Gems;+(20-30)% to Quality of all Skill Gems;(10-15)% increased Experience gain;(10-15)% increased Reservation Efficiency of Skills|"The universe was never silent."|2
            Thread of Hope|Crimson Jewel|1|1|jewels|jewel|0|95|0|0|0||Only affects Passives in Large Ring;Passives in Radius can be Allocated without being connected to your tree;-(20-10)% to all Elemental Resistances|"Hope is a thread that can be pulled from anywhere."|3
            Watcher's Eye|Prismatic Jewel|1|1|jewels|jewel|0|45|0|0|0||(4-6)% increased maximum Energy Shield;(4-6)% increased maximum Life;(4-6)% increased maximum Mana;(40-60)% increased Critical Strike Chance while affected by Wrath|"One by one, they stood their ground against a creature\r;they had no hope of understanding."|3
            Impossible Escape|Viridian Jewel|1|1|jewels|jewel|0|55|0|0|0||Passives in radius of Keystone can be Allocated without being connected to your tree|"There is always a way out."|2
            Goldrim|Leather Cap|2|2|armour|helmet|4|1|0|0|1||+(30-50) to Evasion Rating;10% increased Rarity of Items found;+(30-40)% to all Elemental Resistances;Reflects 4 Physical Damage to Melee Attackers|"No metal slips as easily through the fingers as gold."|5
            Geofri's Crest|Great Crown|2|2|armour|helmet|4|2|0|0|53||+1 to Level of Socketed Gems;(60-80)% increased Armour and Energy Shield;+(15-20)% to Fire Resistance;+(15-20)% to Cold Resistance;+(15-20)% to Lightning Resistance;+(20-30)% to Chaos Resistance|"In the battle for honour, Geofri won.\r;Not so, the battle for survival."|3
            Sentari's Answer|Brass Spirit Shield|2|2|armour|shield|3|1|0|0|33|+(5-7)% Chance to Block Spell Damage|+20 to Intelligence;5% increased Quantity of Items found;+5% Chance to Block;Curse Enemies with Punishment when you Block their Melee Damage, with 60% increased Effect and ignoring Curse Limit|"Open your eyes and you will see the cracks in your enemy's walls."|3
            Mjölner|Gavel|2|3|weapons|onemace|3|140|0|0|60|15% reduced Enemy Stun Threshold|Has 3 Sockets;Socketed Gems are Supported by Level 30 Cast On Critical Strike;(80-120)% increased Physical Damage;Skills Chain +1 times;Trigger a Socketed Lightning Spell on Hit, with a 0.25 second Cooldown|"Look to the sky, and be afraid."|2
            Bottled Faith|Sulphur Flask|2|1|flasks|flask|0|120|0|0|35||(15-20)% increased Duration;Creates Consecrated Ground on Use;Consecrated Ground created by this Flask has Tripled Radius;(5-7)% increased Critical Strike Chance against Enemies on Consecrated Ground|"Faith is a luxury the desperate cannot afford."|3
            Dying Sun|Ruby Flask|1|2|flasks|flask|0|38|0|0|68||(10-20)% reduced Charges per use;(15-25)% increased Area of Effect during Effect;Skills fire 2 additional Projectiles during Effect|"The sun dies every night so we may dream."|3
            Aegis Aurora|Champion Kite Shield|2|3|armour|shield|3|28|0|0|62|+(5-10)% to all Elemental Resistances|+(5-8)% Chance to Block;(250-300)% increased Armour and Energy Shield;+(10-20)% to all Elemental Resistances;Replenishes Energy Shield by 2% of Armour when you Block|"The light of dawn shields the faithful."|3
            Rathpith Globe|Titanium Spirit Shield|2|2|armour|shield|3|7|0|0|68||(100-140)% increased Energy Shield;(20-25)% increased Spell Damage;10% of maximum Life as Energy Shield|"The Vaal emptied their slaves of beating hearts."|3
            Thief's Torment|Prismatic Ring|1|1|accessories|ring|0|4|0|0|30|+(8-10)% to all Elemental Resistances|+(10-16)% to all Elemental Resistances;Gain (14-20) Life per Enemy Hit with Attacks;50% reduced effect of Curses on you;Can't use other Rings|"The thief's greed knows no bounds."|3
            Atziri's Acuity|Vaal Gauntlets|2|2|armour|gloves|4|75|0|0|68||(80-100)% increased Armour and Evasion;(30-40)% increased Critical Strike Chance;Leech Life 20% faster|"Life is given and taken by the Queen."|2
            Sin Trek|Stealth Boots|2|2|armour|boots|4|2|0|0|62||+(30-40) to Dexterity;+(40-50) to Intelligence;(120-150)% increased Evasion and Energy Shield;20% increased Movement Speed|"A path of sin leads everywhere."|3
            Void Battery|Prophecy Wand|1|3|weapons|wand|3|22|0|0|68|(36-40)% increased Spell Damage|(40-50)% increased Spell Damage;(55-65)% increased Critical Strike Chance for Spells;25% increased Power Charge Duration;(40-60)% increased Spell Damage per Power Charge|"The void is hungry, and it feeds on power."|3
            Badge of the Brotherhood|Turquoise Amulet|1|1|accessories|amulet|0|9|0|0|40|+(16-24) to Dexterity and Intelligence|(20-30)% increased Cooldown Recovery Rate of Travel Skills;(7-10)% increased Elusive Effect;Your Maximum Frenzy Charges is equal to your Maximum Power Charges|"Brothers in arms, brothers in death."|3
            """;

    /**
     * name | tags | attribute (S, D, I) | max level | popularity | variants: level/quality[c] : chaos, where a
     * leading A, D or P marks Anomalous, Divergent or Phantasmal quality and a trailing c corruption.
     */
    static final String GEMS = """
            Vaal Grace|Vaal, Aura, Spell, AoE, Duration|D|20|2|1/0:1,1/20:3,20/0:2,20/20:6,20/20c:4,21/20c:90
            Vaal Haste|Vaal, Aura, Spell, AoE, Duration|D|20|2|1/0:1,1/20:4,20/0:3,20/20:8,20/20c:5,21/20c:140
            Vaal Discipline|Vaal, Aura, Spell, AoE, Duration|I|20|2|1/0:1,20/0:3,20/20:9,20/20c:6,21/20c:160
            Determination|Aura, Spell, AoE|S|20|2|1/0:1,1/20:4,20/0:3,20/20:10,20/20c:7,21/20c:220,A20/20:15
            Grace|Aura, Spell, AoE|D|20|2|1/0:1,1/20:3,20/0:2,20/20:8,21/20c:150,A20/20:12
            Hatred|Aura, Spell, AoE|D|20|2|1/0:1,20/0:2,20/20:8,21/20c:130
            Wrath|Aura, Spell, AoE, Lightning|I|20|2|1/0:1,20/0:2,20/20:7,21/20c:120
            Malevolence|Aura, Spell, AoE|D|20|2|1/0:1,1/20:4,20/20:12,21/20c:260,A20/20:16
            Zealotry|Aura, Spell, AoE|I|20|1|1/0:1,20/20:10,21/20c:200
            Arc|Spell, Lightning, Chaining|I|20|2|1/0:1,20/0:1,20/20:3,20/20c:2,21/20c:25,A20/20:6,D20/20:14
            Spark|Spell, Projectile, Lightning, Duration|I|20|2|1/0:1,20/20:3,21/20c:30,D20/20:9
            Lightning Arrow|Attack, Projectile, AoE, Lightning, Bow|D|20|2|1/0:1,20/20:4,21/20c:35,A20/20:7
            Tornado Shot|Attack, Projectile, Bow|D|20|2|1/0:1,1/20:3,20/20:6,20/20c:4,21/20c:55
            Cyclone|Attack, AoE, Movement, Channelling, Melee|D|20|2|1/0:1,20/20:5,21/20c:45,P20/20:12
            Boneshatter|Attack, AoE, Melee, Strike, Physical|S|20|2|1/0:1,20/20:5,21/20c:40,D20/20:11
            Righteous Fire|Spell, AoE, Fire|I|20|1|1/0:1,20/20:4,21/20c:30
            Vaal Righteous Fire|Vaal, Spell, AoE, Fire|I|20|1|1/0:2,20/20:12,21/20c:180
            Summon Raging Spirit|Minion, Spell, Duration, Fire|I|20|1|1/0:1,20/20:3,21/20c:25
            Penance Brand|Brand, Spell, AoE, Physical, Lightning|I|20|1|1/0:1,20/20:4,21/20c:35
            Arc of Surging|Spell, Lightning, Chaining|I|20|1|1/0:2,20/20:25,21/20c:210
            Cyclone of Tumult|Attack, AoE, Movement, Channelling, Melee|D|20|1|1/0:2,20/20:18,21/20c:160
            Multistrike Support|Attack, Melee, Support|S|20|2|1/0:1,20/20:3,21/20c:20
            Spell Echo Support|Spell, Support|I|20|2|1/0:1,20/20:3,21/20c:22,D20/20:8
            Elemental Damage with Attacks Support|Attack, Support|S|20|2|1/0:1,20/20:2,21/20c:18
            Enlighten Support|Support, Exceptional|I|3|1|1/0:45,2/0:260,3/0:1100,4/0c:6200
            Empower Support|Support, Exceptional|S|3|1|1/0:30,2/0:170,3/0:620,4/0c:4800
            Enhance Support|Support, Exceptional|D|3|1|1/0:8,2/0:40,3/0:140,4/0c:1500
            Awakened Multistrike Support|Attack, Melee, Support|S|5|1|1/0:6,5/20:160,5/20c:120,6/20c:1300
            Awakened Spell Echo Support|Spell, Support|I|5|1|1/0:5,5/20:140,5/20c:100,6/20c:1100
            """;

    /** name | stack size | chaos per card | popularity | reward | flavour. */
    static final String CARDS = """
            The Doctor|8|1150|1|<uniqueitem>{Headhunter}{Leather Belt}|"A cure for any ailment, if you can afford it."
            House of Mirrors|9|27000|0.3|<currencyitem>{Mirror of Kalandra}|"What do you see in the mirror?"
            The Apothecary|13|3400|0.5|<uniqueitem>{Mageblood}{Heavy Belt}|"Remedies for any ailment, at a price."
            The Nurse|8|140|2|<divination>{The Doctor}|"The doctor will see you now."
            The Fiend|11|780|0.8|<uniqueitem>{Corrupted Headhunter}|"Some monsters you can't keep in a cage."
            Seven Years Bad Luck|10|380|1|<currencyitem>{Mirror Shard}|"Broken glass, broken fortune."
            The Immortal|10|75|1.5|<uniqueitem>{House of Mirrors}|"Death is only the beginning."
            Abandoned Wealth|5|20|3|<currencyitem>{3x Exalted Orb}|"When the world burned, the greedy burned with it."
            The Enlightened|6|48|2|<gemitem>{Level 3 Enlighten}|"The truth is bright, and blinding."
            The Wretched|6|3|4|<uniqueitem>{Belt}|"Misery loves company."
            Rain of Chaos|8|1|6|<currencyitem>{Chaos Orb}|"Chaos falls like rain."
            The Gambler|5|1|5|<divination>{Divination Card}|"Luck is a fickle friend."
            Humility|9|2|4|<uniqueitem>{Tabula Rasa}{Simple Robe}|"Pride comes before the fall."
            The Hoarder|12|6|3|<currencyitem>{Exalted Orb}|"Every coin has its place."
            The Sephirot|11|30|2|<currencyitem>{10x Divine Orb}|"The tree of life grows in the dark."
            Emperor's Luck|5|2|5|<currencyitem>{5x Random Currency}|"The emperor's fortune favours the bold."
            The Lover|2|1|4|<uniqueitem>{Twin Claw}|"Love is a battlefield."
            Her Mask|12|1|5|<currencyitem>{Scarab}|"She hides behind a smile."
            The Cartographer|5|4|3|<currencyitem>{3x Cartographer's Chisel}|"Every land has its map."
            Lucky Connections|7|6|3|<currencyitem>{20x Orb of Fusing}|"It's not what you know, it's who you know."
            The Chains that Bind|11|2|4|<uniqueitem>{Six-Link Body Armour}|"Bound together, forever."
            The Dragon's Heart|11|28|2|<gemitem>{Level 4 Empower}|"A dragon's heart beats only for itself."
            Brother's Stash|5|14|2|<uniqueitem>{Random Unique}|"What's mine is mine."
            The Saint's Treasure|10|15|2|<currencyitem>{2x Exalted Orb}|"The saint's treasure was never gold."
            Unrequited Love|16|14|2|<currencyitem>{19x Mirror Shard}|"Love, in its purest form, is never returned."
            """;

    /**
     * Currency Exchange id ("" = not traded there) | name | max stack | chaos | popularity | description.
     * Chaos Orb is the unit; every other rate is chaos per unit in the main league.
     */
    static final String CURRENCY = """
            chaos|Chaos Orb|20|1|8|Reforges a rare item with new random modifiers
            divine|Divine Orb|10|195|10|Randomises the numeric values of the random modifiers on an item
            exalted|Exalted Orb|20|14|5|Augments a rare item with a new random modifier
            alch|Orb of Alchemy|20|0.35|3|Upgrades a normal item to a rare item
            fusing|Orb of Fusing|20|0.6|3|Reforges the links between sockets on an item
            chisel|Cartographer's Chisel|20|0.8|2|Improves the quality of a map
            gcp|Gemcutter's Prism|20|1.1|2|Improves the quality of a gem
            chrome|Chromatic Orb|20|0.12|2|Reforges the colour of sockets on an item
            alt|Orb of Alteration|20|0.15|3|Reforges a magic item with new random modifiers
            jew|Jeweller's Orb|20|0.08|2|Reforges the number of sockets on an item
            regal|Regal Orb|10|0.4|2|Upgrades a magic item to a rare item, adding one modifier
            vaal|Vaal Orb|20|0.9|2|Corrupts an item, modifying it unpredictably
            scour|Orb of Scouring|30|0.3|2|Removes all modifiers from an item
            blessed|Blessed Orb|20|0.25|1|Randomises the numeric values of the implicit modifiers on an item
            regret|Orb of Regret|40|0.5|1|Grants a passive skill refund point
            chance|Orb of Chance|20|0.12|1|Upgrades a normal item to a random rarity
            annul|Orb of Annulment|20|3.5|1|Removes a random modifier from an item
            mirror|Mirror of Kalandra|10|107000|0.05|Creates a mirrored copy of an item
            |Awakened Sextant|10|2.5|1|Adds a random modifier to your Atlas
            |Stacked Deck|10|4|2|Creates a random Divination Card
            """;

    /** name | tier | chaos | popularity. */
    static final String MAPS = """
            Crimson Temple Map|16|5|3
            Tower Map|16|4|3
            Dunes Map|16|4|2
            City Square Map|16|5|3
            Strand Map|16|3|2
            Jungle Valley Map|15|2|2
            Burial Chambers Map|15|3|2
            Cemetery Map|14|2|2
            Mesa Map|13|1|1
            Atoll Map|12|1|1
            Glacier Map|11|1|1
            Crater Map|10|1|1
            Bone Crypt Map|9|1|1
            Volcano Map|8|1|1
            Canyon Map|7|1|1
            Arcade Map|6|1|1
            Ashen Wood Map|5|1|1
            """;

    /** base | w | h | category | subcategory | max sockets | level | implicit. */
    static final String BASES = """
            Hubris Circlet|2|2|armour|helmet|4|69|
            Vaal Regalia|2|3|armour|chest|6|68|
            Glorious Plate|2|3|armour|chest|6|68|
            Titanium Spirit Shield|2|2|armour|shield|3|68|
            Two-Stone Ring|1|1|accessories|ring|0|20|+(12-16)% to Fire and Cold Resistances
            Amethyst Ring|1|1|accessories|ring|0|30|+(17-23)% to Chaos Resistance
            Onyx Amulet|1|1|accessories|amulet|0|20|+(10-16) to all Attributes
            Stygian Vise|2|1|accessories|belt|0|64|Has 1 Abyssal Socket
            Crystal Belt|2|1|accessories|belt|0|79|+(60-80) to maximum Energy Shield
            Sorcerer Boots|2|2|armour|boots|4|67|
            Titan Greaves|2|2|armour|boots|4|68|
            Fingerless Silk Gloves|2|2|armour|gloves|4|70|(12-16)% increased Spell Damage
            Spine Bow|2|4|weapons|bow|6|64|+(20-25)% to Global Critical Strike Multiplier
            Jewelled Foil|1|4|weapons|onesword|3|68|+25% to Global Critical Strike Multiplier
            Imbued Wand|1|3|weapons|wand|3|59|(33-37)% increased Spell Damage
            Cobalt Jewel|1|1|jewels|jewel|0|0|
            Viridian Jewel|1|1|jewels|jewel|0|0|
            Large Cluster Jewel|1|1|jewels|jewel|0|54|Adds 8 Passive Skills
            """;

    /** Explicit mod templates for rare and magic items. */
    static final String RARE_MODS = """
            +(70-99) to maximum Life
            +(36-48)% to Fire Resistance
            +(36-48)% to Cold Resistance
            +(36-48)% to Lightning Resistance
            +(21-35)% to Chaos Resistance
            +(38-55) to Strength
            +(38-55) to Dexterity
            +(38-55) to Intelligence
            +(40-60) to maximum Energy Shield
            (80-110)% increased Energy Shield
            (25-35)% increased Movement Speed
            (20-30)% increased Rarity of Items found
            (13-16)% increased Attack Speed
            Adds (12-16) to (24-28) Physical Damage to Attacks
            (30-38)% increased Critical Strike Chance
            +(30-38)% to Global Critical Strike Multiplier
            (15-25)% increased Spell Damage
            Regenerate (5-8) Life per second
            (7-10)% increased maximum Life
            +(1-2) to Level of all Spell Skill Gems
            (8-12)% increased Cast Speed
            +(300-400) to Accuracy Rating
            Gain (6-10)% of Physical Damage as Extra Fire Damage
            (20-30)% increased Stun and Block Recovery
            """;

    static final String RARE_NAME_FIRST = "Doom;Pandemonium;Brood;Corpse;Dusk;Eagle;Gale;Havoc;Hypnotic;Kraken;Miracle;"
            + "Onslaught;Rapture;Rune;Skull;Sol;Storm;Vengeance;Viper;Woe;Blight;Dread;Empyrean;Grim;Mind;Oblivion";
    static final String RARE_NAME_SECOND = "Crown;Coil;Grip;Band;Loop;Spiral;Beads;Clasp;Gaze;Horn;Roar;Song;Mark;"
            + "Bane;Nail;Veil;Keep;Ward;Shell;Salvation;Stride;Spark;Shelter;Heart";
    static final String MAGIC_PREFIXES = "Sanguine;Stalwart;Seething;Glinting;Catalysing;Heated;Frosted;Humming;Vigorous;Scholar's";
    static final String MAGIC_SUFFIXES = "of the Lightning;of the Ice;of the Flame;of Skill;of the Lynx;of the Wind;"
            + "of Haast;of the Brute;of the Prodigy;of Ease";

    /** Account name syllables. */
    static final String SYLLABLES = "ka;ri;zo;mu;vel;dra;tor;shi;an;el;gor;ny;qu;ix;lo;fen;bar;sol;tyr;ra;ven;dal;"
            + "mor;pi;xa;ul;ze;tho;kin;ari;bo;cy;dun;esh";
    static final String NAME_SUFFIXES = ";;;;_;_;1;2;7;42;99;x;TV;_poe;_hc;exile;Trade";
}
